/** Template variables as Grafana's JSON model. */
import { VariableHide, VariableRefresh, VariableSort, type DataSourceRef, type VariableModel } from '@grafana/schema';
import { GRAFANA_DATASOURCE_UID } from '../../sdk/conventions.ts';
import type { Variable } from '../../sdk/dashboard/variables.ts';

/** Grafana's comma-separated list of a custom or interval variable; a comma in a value is escaped. */
const list = (values: readonly string[]) => values.map((v) => v.replace(/,/g, '\\,')).join(',');
const first = (values: readonly string[]) => ({ text: values[0] ?? '', value: values[0] ?? '' });

export function variableJson(variable: Variable, datasource: DataSourceRef): VariableModel {
  const common = { name: variable.name, ...(variable.label ? { label: variable.label } : {}), hide: VariableHide.dontHide };
  switch (variable.type) {
    case 'datasource':
      return { ...common, type: 'datasource', query: 'prometheus', current: { text: 'Prometheus', value: GRAFANA_DATASOURCE_UID }, refresh: VariableRefresh.onDashboardLoad, regex: '' };
    case 'label_values':
      return {
        ...common,
        type: 'query',
        datasource,
        query: { query: `label_values(${variable.series}, ${variable.labelName})`, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
        refresh: VariableRefresh.onTimeRangeChanged,
        multi: variable.multi,
        includeAll: variable.includeAll,
        sort: VariableSort.alphabeticalAsc,
        // Grafana's "All" for Prometheus becomes `.*` rather than a list of every value in the regex.
        ...(variable.includeAll ? { allValue: '.*' } : {}),
      };
    case 'custom':
      return {
        ...common,
        type: 'custom',
        query: list(variable.values),
        multi: variable.multi,
        includeAll: variable.includeAll,
        options: variable.values.map((v, i) => ({ text: v, value: v, selected: i === 0 })),
        current: first(variable.values),
      };
    case 'interval':
      return { ...common, type: 'interval', query: list(variable.values), options: variable.values.map((v, i) => ({ text: v, value: v, selected: i === 0 })), current: first(variable.values) };
  }
}
