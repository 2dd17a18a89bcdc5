/** What the data sync system's dashboards share: the datasource and connector pickers, links, alert marks. */
import { datasourceVariable, labelValues } from 'alertforge';
import { SYNC_TEAM, RUNBOOKS } from '../rules/labels.ts';
import { syncOperations } from '../rules/metrics.ts';

export const connector = labelValues({ name: 'connector', metric: syncOperations, label: 'connector', title: 'Connector' });
export const variables = [datasourceVariable(), connector];

/** Matches the connectors picked in the dashboard's connector variable. */
export const pickedConnectors = { connector: connector.matcher };

/** Mark when the team's alerts fired. */
export const alertAnnotation = { team: SYNC_TEAM.team };

/** The team's alerts firing now: a selector of Prometheus' ALERTS series, for raw PromQL. */
export const firingAlerts = `ALERTS{alertstate="firing", team="${SYNC_TEAM.team}"}`;

export const links = [
  { title: 'Alerts', url: 'https://github.example.com/sync/monitoring/blob/main/generated/ALERTS.md' },
  { title: 'Runbooks', url: RUNBOOKS },
];
