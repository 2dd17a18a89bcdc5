/**
 * generated/grafana/dashboards/<uid>.json: the project's dashboards and the one derived from its
 * rules. JSON holds no comments, so the generated notice is the first member, `__generated`,
 * which Grafana keeps and ignores.
 */
import { GRAFANA_DASHBOARDS_DIR } from '../../sdk/conventions.ts';
import { rulesDashboard } from '../dashboard/rules-dashboard.ts';
import { toGrafana } from '../dashboard/to-grafana.ts';
import type { Project } from '../project.ts';
import { generatedNotice, type GeneratedFile } from './generated-file.ts';

export function emitGrafanaDashboards(project: Project): GeneratedFile[] {
  const own = project.dashboards.map(({ value, file }) => ({ dashboard: value, sources: [file] }));
  const derived = project.groups.length ? [{ dashboard: rulesDashboard(project.groups), sources: project.groups.map((g) => g.file) }] : [];
  return [...own, ...derived].map(({ dashboard, sources }) => ({
    path: `${GRAFANA_DASHBOARDS_DIR}/${dashboard.uid}.json`,
    content: `${JSON.stringify(toGrafana(dashboard, generatedNotice(project.root, sources)), null, 2)}\n`,
  }));
}
