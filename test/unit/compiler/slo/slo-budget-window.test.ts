/**
 * A tier window that spans the whole period alerts on budget spent: it reads the period's ratio,
 * recorded from the 5m ratio, rather than recording the same series twice. Run by promtool.
 */
import { describe } from 'vitest';
import { expectSloRuleTestsPass } from '../../../support/slo-rule-tests.ts';
import { itWithTools } from '../../../support/tools.ts';

const itPromtool = itWithTools(['promtool']);

const SLO = `
import { ne, slo } from 'alertforge';
import { ops } from './metrics.ts';
export const spent = slo({
  service: 'api', name: 'spent', objective: 99.5, page: false,
  ticket: { windows: [{ long: '30d', short: '1h', budgetShare: 1 }] },
  sli: { bad: ops.select({ status: ne('ok') }), total: ops },
});
`;

/** 1000 operations a minute, \`failed\` of them failing, for an hour. */
const failing = (failed: number) => `[
  series(ops, { connector: 'a', status: 'ok' }, '0+${1000 - failed}x60'),
  series(ops, { connector: 'a', status: 'error' }, '0+${failed}x60'),
]`;

const TESTS = `
import { ruleTest, series } from 'alertforge';
import { ops } from './metrics.ts';
export const overspent = ruleTest({
  name: '1% failing spends the 0.5% budget',
  series: ${failing(10)},
  alerts: [{ at: '40m', alert: 'SpentBudgetBurnTicket', firing: [{ value: 0.01 }] }],
});
export const within = ruleTest({
  name: '0.4% failing stays within it',
  series: ${failing(4)},
  alerts: [{ at: '40m', alert: 'SpentBudgetBurnTicket', firing: [] }],
});
`;

describe('a tier window as long as the period', () => {
  itPromtool('fires once the period ratio exceeds the budget, and not before', async () => {
    await expectSloRuleTestsPass(SLO, TESTS, 2);
  });
});
