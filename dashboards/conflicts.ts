/** Conflict Analysis: how often writers collide, how conflicts get resolved, and how long it takes. */
import { dashboard, histogramQuantile, increase, intervalVariable, panel, query, rate, RATE_INTERVAL, row, sum } from 'alertforge';
import { conflictResolutionDuration, conflicts, conflictsResolved, conflictsUnresolved } from '../rules/metrics.ts';
import { conflictRate } from '../rules/conflicts.rules.ts';
import { alertAnnotation, links, pickedConnectors, variables } from './shared.ts';

/** How far back the conflict counts look. */
const window = intervalVariable({ name: 'window', label: 'Count over', values: ['1d', '1h', '6h', '7d'] });

export const conflictAnalysis = dashboard({
  uid: 'sync-conflicts',
  title: 'Sync Conflict Analysis',
  tags: ['sync', 'conflicts'],
  links,
  variables: [...variables, window],
  alertAnnotation,
  rows: [
    row('Conflicts', [
      panel.timeseries({ title: 'Conflicts per second by connector and strategy', stacking: 'normal', queries: [query(conflictRate.select(pickedConnectors), { legend: (l) => `${l.connector} ${l.strategy}` })] }),
      panel.barGauge({ title: 'Conflicts by strategy, over the picked window', queries: [query(sum(increase(conflicts.select(pickedConnectors).range(window.duration)), { by: ['strategy'] }), { legend: (l) => l.strategy, instant: true })] }),
    ]),
    row('Resolution', [
      panel.timeseries({ title: 'Resolved per second', queries: [query(sum(rate(conflictsResolved.select(pickedConnectors).range(RATE_INTERVAL)), { by: ['connector', 'strategy'] }), { legend: (l) => `${l.connector} ${l.strategy}` })] }),
      panel.stat({
        title: 'Waiting for manual resolution',
        thresholds: { steps: [{ value: 10, color: 'orange' }, { value: 50, color: 'red' }] },
        queries: [query(sum(conflictsUnresolved.select(pickedConnectors)))],
      }),
      panel.timeseries({
        title: 'Time to resolve (p50, p95)',
        unit: 's',
        width: 24,
        queries: [0.5, 0.95].map((phi) =>
          query(histogramQuantile(phi, sum(rate(conflictResolutionDuration.bucket(pickedConnectors).range('15m')), { by: ['strategy', 'le'] })), { legend: (l) => `p${phi * 100} ${l.strategy}` }),
        ),
      }),
    ]),
  ],
});
