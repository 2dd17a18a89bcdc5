/**
 * A latency SLO reads the bucket at its threshold as either Prometheus stores it: `le="1"` as
 * exposed (Prometheus 2) or `le="1.0"` normalized (Prometheus 3). Run by promtool.
 */
import { describe } from 'vitest';
import { expectSloRuleTestsPass } from '../support/slo-rule-tests.ts';
import { itWithTools } from '../support/tools.ts';

const itPromtool = itWithTools(['promtool']);

const SLO = `
import { slo } from 'alertforge';
import { latency } from './metrics.ts';
export const fast = slo({ service: 'api', name: 'fast', objective: 95, sli: { histogram: latency, threshold: 1 } });
`;

/** 100 observations a minute, 75 of them within 1 s, with the bucket's bound written as `le`. */
const within1s = (le: string) => `ruleTest({
  name: 'le="${le}": a quarter of operations are slower than 1 s',
  series: histogramSeries(latency, { connector: 'a' }, { '${le}': '0+75x20', '+Inf': '0+100x20' }),
  values: [{ at: '15m', expr: 'slo:sli_error:ratio_rate5m', samples: [{ value: 0.25 }] }],
})`;

const TESTS = `
import { histogramSeries, ruleTest } from 'alertforge';
import { latency } from './metrics.ts';
export const prometheus2 = ${within1s('1')};
export const prometheus3 = ${within1s('1.0')};
`;

describe('a latency SLO under Prometheus 2 and 3', () => {
  itPromtool('counts the threshold bucket whether le is stored as 1 or 1.0', async () => {
    await expectSloRuleTestsPass(SLO, TESTS, 2);
  });
});
