import type { PanelSpec } from '../../sdk/dashboard/panels.ts';

export interface PanelExpression {
  readonly expr: string;
  readonly legend: string | undefined;
  readonly instant: boolean;
}

/** The PromQL a panel runs, whatever its kind: a heatmap's buckets are one query, a text panel none. */
export function panelExpressions(panel: PanelSpec): PanelExpression[] {
  switch (panel.type) {
    case 'text':
      return [];
    case 'heatmap':
      return [{ expr: panel.buckets.text, legend: '{{le}}', instant: false }];
    default:
      return panel.queries.map((q) => ({ expr: q.expr, legend: q.legend, instant: q.instant }));
  }
}
