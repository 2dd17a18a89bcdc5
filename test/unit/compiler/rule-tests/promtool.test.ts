import { describe, expect } from 'vitest';
import type { RuleTestFile } from '../../../../src/compiler/rule-tests/compile.ts';
import { runRuleTests } from '../../../../src/compiler/rule-tests/promtool.ts';
import type { RuleTest } from '../../../../src/sdk/rule-test.ts';
import { itWithTools } from '../../../support/tools.ts';

const itPromtool = itWithTools(['promtool']);

const FILE = '/project/rules/q.test.ts';
const test = (name: string, line: number, values: string) => ({
  rule: { name, source: { file: FILE, line } } as RuleTest,
  yaml: { name, interval: '1m', input_series: [{ series: 'q{a="1"}', values }], promql_expr_test: [{ expr: 'q', eval_time: '0s', exp_samples: [{ labels: 'q{a="1"}', value: 1 }] }] },
});

describe('runRuleTests', () => {
  // An input promtool cannot load fails its own test; the build's checks of series values may not catch every such input.
  itPromtool('blames an input promtool cannot load on its test, not on the failing test before it', async () => {
    const tests = [test('fails', 3, '2x5'), test('does not load', 7, '1 x5'), test('passes', 11, '1x5')];
    const file: RuleTestFile = {
      file: FILE, path: 'generated/prometheus/tests/q.yml', tests: tests.map((t) => t.rule), reads: [],
      document: { rule_files: [], evaluation_interval: '1m', tests: tests.map((t) => t.yaml) },
    };
    const run = await runRuleTests([], [file]);
    expect(run.tests).toBe(3);
    expect(run.failures.map((f) => [f.source.line, f.test, f.message.split('\n')[0]])).toEqual([
      [3, 'fails', 'value of q at 0s'],
      [7, 'does not load', expect.stringMatching(/^\d+:\d+: parse error: /)],
    ]);
  });
});
