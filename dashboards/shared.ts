/** What the data sync system's dashboards share: the connector variable and links. */
import { datasourceVariable, labelValues, re } from 'alertforge';
import { syncOperations } from '../rules/metrics.ts';

export const connectorVariable = labelValues({ name: 'connector', metric: syncOperations, label: 'connector' });
export const variables = [datasourceVariable(), connectorVariable];

/** Matches the connectors picked in the dashboard's connector variable. */
export const pickedConnectors = { connector: re('$connector') };

export const links = [
  { title: 'Alerts', url: 'https://github.example.com/sync/monitoring/blob/main/generated/ALERTS.md' },
  { title: 'Runbooks', url: 'https://runbooks.example.com/sync' },
];
