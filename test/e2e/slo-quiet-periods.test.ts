/**
 * The SLO's recorded ratios under promtool through what real traffic does: quiet minutes with no
 * operations, and a service that has not failed yet. Either used to leave the budget NaN or empty.
 */
import { describe } from 'vitest';
import { expectSloRuleTestsPass } from '../support/slo-rule-tests.ts';
import { itWithTools } from '../support/tools.ts';

const itPromtool = itWithTools(['promtool']);

const SLO = `
import { ne, slo } from 'alertforge';
import { ops } from './metrics.ts';
export const success = slo({ service: 'api', name: 'success', objective: 99, sli: { bad: ops.select({ status: ne('ok') }), total: ops } });
`;

/** The SLO's error ratio over `window` and the budget left, both expected at `at`; labels completed from the rules. */
function expectations(at: string, window: string, ratio: number, remaining: number): string {
  return `values: [
    { at: '${at}', expr: 'slo:sli_error:ratio_rate${window}', samples: [{ value: ${ratio} }] },
    { at: '${at}', expr: 'slo:period_error_budget_remaining:ratio', samples: [{ value: ${remaining} }] },
  ]`;
}

const TESTS = `
import { ruleTest, series } from 'alertforge';
import { ops } from './metrics.ts';

export const idle = ruleTest({
  name: 'ten idle minutes leave the 30-day ratio at 1% and the budget at 0',
  series: [
    // 99 good and 1 bad operation a minute, then nothing for ten minutes, then traffic again.
    series(ops, { connector: 'a', status: 'ok' }, '0+99x10 990x10 990+99x10'),
    series(ops, { connector: 'a', status: 'error' }, '0+1x10 10x10 10+1x10'),
  ],
  ${expectations('30m', '30d', 0.01, 0)},
});

export const noErrorYet = ruleTest({
  name: 'a service that has not failed yet has an error ratio of 0 and its whole budget',
  series: [series(ops, { connector: 'a', status: 'ok' }, '0+100x30')],
  ${expectations('20m', '5m', 0, 1)},
});

export const pageEndsWithTraffic = ruleTest({
  name: 'a page on a burst of failures ends once the short window holds no traffic',
  series: [
    // 50 good and 50 bad operations a minute for ten minutes, then none at all.
    series(ops, { connector: 'a', status: 'ok' }, '0+50x10 500x90'),
    series(ops, { connector: 'a', status: 'error' }, '0+50x10 500x90'),
  ],
  alerts: [
    { at: '9m', alert: 'SuccessBudgetBurnPage', firing: [{ value: 0.5 }] },
    { at: '60m', alert: 'SuccessBudgetBurnPage', firing: [] },
  ],
});
`;

describe('SLO ratios through quiet periods', () => {
  itPromtool('record nothing for a window without traffic, and 0 for errors not yet counted; a page ends with the traffic', async () => {
    await expectSloRuleTestsPass(SLO, TESTS, 3);
  });
});
