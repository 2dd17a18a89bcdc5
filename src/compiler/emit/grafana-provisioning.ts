/**
 * generated/grafana/provisioning/: file provisioning for Grafana, so a Grafana pointed at it loads
 * the dashboards and the Prometheus datasource every panel references, unchanged. Paths and the
 * Prometheus URL come from the environment of the Grafana that reads them (Grafana expands $VARS).
 */
import { GRAFANA_DATASOURCE_NAME, GRAFANA_DATASOURCE_UID, GRAFANA_FOLDER, GRAFANA_PROVISIONING_DIR } from '../../sdk/conventions.ts';
import type { Project } from '../project.ts';
import { yamlHeader, type GeneratedFile } from './generated-file.ts';
import { toYaml } from './yaml-writer.ts';

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
        // Not the default: a Grafana may have one already, and panels name this one by uid anyway.
    datasources: [{ name: GRAFANA_DATASOURCE_NAME, uid: GRAFANA_DATASOURCE_UID, type: 'prometheus', access: 'proxy', url: '$PROMETHEUS_URL', isDefault: false, editable: false }],
  };
  return [
    { path: `${GRAFANA_PROVISIONING_DIR}/dashboards.yaml`, content: header + toYaml(dashboards) },
    { path: `${GRAFANA_PROVISIONING_DIR}/datasources.yaml`, content: header + toYaml(datasources) },
  ];
}
