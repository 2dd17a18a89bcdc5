/**
 * Every burn-rate tier of the sync SLOs, shown firing and quiet just below its threshold. With a
 * steady error ratio every window sees the same ratio, so each tier's lowest threshold decides:
 * 99.5% success pages above 6 × 0.5% = 3% and tickets above 1 × 0.5%; 95% latency pages above
 * 6 × 5% = 30% slow and tickets above 5%.
 */
import { histogramSeries, ruleTest, series, sloAlertName, SLO_RECORDINGS } from 'alertforge';
import { syncDuration, syncOperations } from './metrics.ts';
import { syncLatency, syncSuccess } from './slo.ts';

/** 1000 operations a minute, `failed` of them failing. */
function operations(failed: number) {
  const labels = { connector: 'crm', operation: 'write' } as const;
  return [series(syncOperations, { ...labels, status: 'ok' }, `0+${1000 - failed}x60`), series(syncOperations, { ...labels, status: 'error' }, `0+${failed}x60`)];
}

/** 100 operations a minute, `slow` of them taking longer than 2 s. */
function latencies(slow: number) {
  return histogramSeries(syncDuration, { connector: 'crm', operation: 'write' }, { '2': `0+${100 - slow}x60`, '+Inf': '0+100x60' });
}

const successPage = sloAlertName(syncSuccess, 'page');
const successTicket = sloAlertName(syncSuccess, 'ticket');
const latencyPage = sloAlertName(syncLatency, 'page');
const latencyTicket = sloAlertName(syncLatency, 'ticket');

export const successPages = ruleTest({
  name: 'sync-success pages when 8% of operations fail: the budget burns 16 times too fast',
  series: operations(80),
  alerts: [{ at: '20m', alert: successPage, firing: [{ value: 0.08 }] }],
  values: [{ at: '20m', expr: SLO_RECORDINGS.currentBurnRate, samples: [{ labels: { slo_service: 'sync-service', slo: 'sync-success' }, value: 16 }] }],
});

export const successPageQuiet = ruleTest({
  name: 'sync-success does not page at 2.9% failures',
  series: operations(29),
  alerts: [{ at: '20m', alert: successPage, firing: [] }],
});

export const successTickets = ruleTest({
  name: 'sync-success opens a ticket at 2% failures',
  series: operations(20),
  alerts: [
    { at: '40m', alert: successTicket, firing: [{ value: 0.02 }] },
    { at: '40m', alert: successPage, firing: [] },
  ],
});

export const successTicketQuiet = ruleTest({
  name: 'sync-success opens no ticket at 0.4% failures',
  series: operations(4),
  alerts: [{ at: '40m', alert: successTicket, firing: [] }],
});

export const latencyPages = ruleTest({
  name: 'sync-latency pages when 80% of operations take over 2 s',
  series: latencies(80),
  alerts: [{ at: '20m', alert: latencyPage, firing: [{ value: 0.8 }] }],
});

export const latencyPageQuiet = ruleTest({
  name: 'sync-latency does not page at 29% slow operations',
  series: latencies(29),
  alerts: [{ at: '20m', alert: latencyPage, firing: [] }],
});

export const latencyTickets = ruleTest({
  name: 'sync-latency opens a ticket at 20% slow operations',
  series: latencies(20),
  alerts: [
    { at: '40m', alert: latencyTicket, firing: [{ value: 0.2 }] },
    { at: '40m', alert: latencyPage, firing: [] },
  ],
});

export const latencyTicketQuiet = ruleTest({
  name: 'sync-latency opens no ticket at 4% slow operations',
  series: latencies(4),
  alerts: [{ at: '40m', alert: latencyTicket, firing: [] }],
});

/** Both SLOs' samples of a recording, success first. */
function bothSlos(success: number, latency: number) {
  return [
    { labels: { slo_service: 'sync-service', slo: 'sync-success' }, value: success },
    { labels: { slo_service: 'sync-service', slo: 'sync-latency' }, value: latency },
  ];
}

export const sloRow = ruleTest({
  name: 'after 30 minutes at 1% failures and 50% slow operations, the budgets are overspent 2 and 10 times',
  // 50% keeps the arithmetic exact in binary floating point, as promtool compares exactly.
  series: [...operations(10), ...latencies(50)],
  values: [
    { at: '30m', expr: SLO_RECORDINGS.budgetRemaining, samples: bothSlos(-1, -9) },
    { at: '30m', expr: SLO_RECORDINGS.periodBurnRate, samples: bothSlos(2, 10) },
    { at: '30m', expr: SLO_RECORDINGS.errorRatio('30d'), samples: bothSlos(0.01, 0.5) },
    { at: '30m', expr: SLO_RECORDINGS.objective, samples: bothSlos(0.995, 0.95) },
    { at: '30m', expr: SLO_RECORDINGS.errorBudget, samples: bothSlos(0.005, 0.05) },
    { at: '30m', expr: SLO_RECORDINGS.periodDays, samples: bothSlos(30, 30) },
  ],
});
