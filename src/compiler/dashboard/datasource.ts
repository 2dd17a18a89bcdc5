import type { DataSourceRef } from '@grafana/schema';
import { GRAFANA_DATASOURCE_UID } from '../../sdk/conventions.ts';
import type { Dashboard } from '../../sdk/dashboard/dashboard.ts';

/**
 * The datasource a dashboard's panels query: the one its datasource variable picks (which starts on
 * the provisioned one), or the provisioned Prometheus itself.
 */
export function dashboardDatasource(dashboard: Dashboard): DataSourceRef {
  const picker = dashboard.variables?.find((v) => v.type === 'datasource');
  return { type: 'prometheus', uid: picker ? `\${${picker.name}}` : GRAFANA_DATASOURCE_UID };
}
