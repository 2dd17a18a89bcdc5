/**
 * generated/grafana/dashboards/<uid>.json: the project's dashboards and the one derived from its
 * rules. JSON holds no comments, so the generated notice is the first member, `__generated`: Grafana
 * ignores members it does not know, on file provisioning and through its API alike, and the
 * dashboard's own description stays the author's.
 */
import { GRAFANA_DASHBOARDS_DIR } from '../../sdk/conventions.ts';
import { toGrafana } from '../dashboard/to-grafana.ts';
import type { Project } from '../project.ts';
import { generatedNotice, type GeneratedFile } from './generated-file.ts';

export function emitGrafanaDashboards(project: Project): GeneratedFile[] {
  const own = project.dashboards.map(({ value, file }) => ({ dashboard: value, sources: [file] }));
  const derived = project.rulesDashboard ? [{ dashboard: project.rulesDashboard, sources: project.groups.map((g) => g.file) }] : [];
  return [...own, ...derived].map(({ dashboard, sources }) => ({
    path: `${GRAFANA_DASHBOARDS_DIR}/${dashboard.uid}.json`,
    content: `${JSON.stringify(toGrafana(dashboard, generatedNotice(project.root, sources)), null, 2)}\n`,
  }));
}
