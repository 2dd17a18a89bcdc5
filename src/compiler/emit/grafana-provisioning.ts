/**
 * generated/grafana/provisioning/: file provisioning for Grafana, so a Grafana pointed at it loads
 * the dashboards and the Prometheus datasource every panel references, unchanged. Paths and the
 * Prometheus URL come from the environment of the Grafana that reads them (Grafana expands $VARS).
 * `alertforge grafana deploy` creates the datasource this file declares.
 */
import { GRAFANA_DATASOURCE_NAME, GRAFANA_DATASOURCE_UID, GRAFANA_FOLDER, GRAFANA_PROVISIONING_DIR } from '../../sdk/conventions.ts';
import { DURATION_UNITS } from '../../sdk/duration.ts';
import { isPrometheusConfig, projectIntervals } from '../lint/intervals.ts';
import { collect } from '../load.ts';
import type { Project } from '../project.ts';
import { yamlHeader, type GeneratedFile } from './generated-file.ts';
import { toYaml } from './yaml-writer.ts';

/**
 * A duration in one unit (`90s`, not `1m30s`): Grafana's frontend reads only the first number and
 * unit of an interval.
 */
function grafanaInterval(ms: number): string {
  const [unit, factor] = (['h', 'm', 's', 'ms'] as const).map((u) => [u, DURATION_UNITS[u]] as const).find(([, f]) => ms % f === 0)!;
  return `${ms / factor}${unit}`;
}

export function emitGrafanaProvisioning(project: Project): GeneratedFile[] {
  if (project.dashboards.length === 0 && !project.rulesDashboard) return [];
  const sources = [...project.dashboards.map((d) => d.file), ...(project.rulesDashboard ? project.groups.map((g) => g.file) : [])];
  const header = yamlHeader(project.root, sources);
  const dashboards = {
    apiVersion: 1,
    providers: [
      {
        name: 'alertforge',
        folder: GRAFANA_FOLDER,
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        // Mount generated/grafana/dashboards here, or set ALERTFORGE_DASHBOARDS to where it is.
        options: { path: '$ALERTFORGE_DASHBOARDS', foldersFromFilesStructure: false },
      },
    ],
  };
  const datasources = {
    apiVersion: 1,
    datasources: [
      {
        name: GRAFANA_DATASOURCE_NAME,
        uid: GRAFANA_DATASOURCE_UID,
        type: 'prometheus',
        access: 'proxy',
        url: '$PROMETHEUS_URL',
        // Not the default: a Grafana may have one already, and panels name this one by uid anyway.
        isDefault: false,
        editable: false,
        // Grafana's $__rate_interval assumes a 15s scrape unless told; the longest scrape interval
        // keeps every job's rate windows at four samples or more, as the lint measures them.
        jsonData: { timeInterval: grafanaInterval(projectIntervals(project.modules).scrapeMs) },
      },
    ],
  };
  // The scrape interval comes from the prometheusConfig, so its file is a source of the datasource.
  const configFiles = collect(project.modules, isPrometheusConfig).map((c) => c.file);
  return [
    { path: `${GRAFANA_PROVISIONING_DIR}/dashboards.yaml`, content: header + toYaml(dashboards) },
    { path: `${GRAFANA_PROVISIONING_DIR}/datasources.yaml`, content: yamlHeader(project.root, [...sources, ...configFiles]) + toYaml(datasources) },
  ];
}
