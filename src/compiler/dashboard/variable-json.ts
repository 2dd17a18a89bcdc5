/** Template variables as Grafana's JSON model. */
import { VariableHide, VariableRefresh, VariableSort, type DataSourceRef, type VariableModel } from '@grafana/schema';
import { GRAFANA_DATASOURCE_UID } from '../../sdk/conventions.ts';
import type { CustomVariable, Variable } from '../../sdk/dashboard/variables.ts';
import { optionOf, queryItem } from './custom-values.ts';

/**
 * A custom or interval variable's values: Grafana's comma-separated `query` (a comma in an item
 * escaped), from which Grafana rebuilds the options, and the options and the first picked.
 */
function listed(values: CustomVariable['values']) {
  const options = values.map(optionOf);
  return {
    query: options.map((o) => queryItem(o).replace(/,/g, '\\,')).join(','),
    options: options.map((o, i) => ({ text: o.text, value: o.value, selected: i === 0 })),
    current: { text: options[0]?.text ?? '', value: options[0]?.value ?? '' },
  };
}

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
    case 'custom': {
      const { query, options, current } = listed(variable.values);
      return { ...common, type: 'custom', query, multi: variable.multi, includeAll: variable.includeAll, options, current };
    }
    case 'interval':
      return { ...common, type: 'interval', ...listed(variable.values) };
  }
}
