/**
 * The period's error ratio is bad events over all events of the period, weighted by traffic, not
 * the mean of its 5m ratios: a quiet half day of a few failures does not outweigh a busy one.
 * Run by promtool.
 */
import { describe } from 'vitest';
import { expectSloRuleTestsPass } from '../../../support/slo-rule-tests.ts';
import { itWithTools } from '../../../support/tools.ts';

const itPromtool = itWithTools(['promtool']);

const SLO = `
import { ne, slo } from 'alertforge';
import { ops } from './metrics.ts';
export const success = slo({ service: 'api', name: 'success', objective: 99, sli: { bad: ops.select({ status: ne('ok') }), total: ops } });
`;

// 12 hours of 1,000 operations a minute, 0.1% failing, then 12 hours of 10 a minute, 5% failing:
// 1,080 failures in 727,200 operations, 0.1485%. The mean of the 5m ratios would be about 2.55%,
// and the 99% SLO's budget would show overspent instead of 85% left.
const TESTS = `
import { ruleTest, series } from 'alertforge';
import { ops } from './metrics.ts';
export const weighted = ruleTest({
  name: 'a busy half day and a quiet one weigh by their traffic',
  series: [
    series(ops, { connector: 'a', status: 'ok' }, '0+999x720 719289.5+9.5x719'),
    series(ops, { connector: 'a', status: 'error' }, '0+1x720 720.5+0.5x719'),
  ],
  values: [
    { at: '1440m', expr: 'slo:sli_error:ratio_rate30d > bool 0.0014', samples: [{ labels: { slo_service: 'api', slo: 'success', slo_window: '30d' }, value: 1 }] },
    { at: '1440m', expr: 'slo:sli_error:ratio_rate30d < bool 0.0016', samples: [{ labels: { slo_service: 'api', slo: 'success', slo_window: '30d' }, value: 1 }] },
    { at: '1440m', expr: 'slo:period_error_budget_remaining:ratio > bool 0.84', samples: [{ labels: { slo_service: 'api', slo: 'success' }, value: 1 }] },
  ],
});
`;

describe("the period's error ratio", () => {
  itPromtool('weighs each 5 minutes by its traffic', async () => {
    await expectSloRuleTestsPass(SLO, TESTS, 1);
  });
});
