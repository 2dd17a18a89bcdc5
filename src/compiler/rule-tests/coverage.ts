/**
 * Which rules no test exercises: an alert is exercised by a test that expects it (firing or quiet);
 * a recording rule by a test of its values or by an exercised rule that reads it.
 */
import type { TestPolicy } from '../../sdk/rule-test.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import type { AnalyzedGroup, AnalyzedRule } from '../project.ts';
import type { RuleTestFile } from './compile.ts';

export interface UntestedRule {
  readonly group: AnalyzedGroup;
  readonly rule: AnalyzedRule;
}

export function untestedRules(groups: readonly AnalyzedGroup[], testFiles: readonly RuleTestFile[]): UntestedRule[] {
  const tests = testFiles.flatMap((f) => f.tests);
  const exercised = new Set<string>([...tests.flatMap((t) => t.alerts.map((a) => a.alertname)), ...tests.flatMap((t) => t.values.map((v) => v.recording ?? v.expr))]);
  const all = groups.flatMap((group) => group.rules.map((rule) => ({ group, rule })));
  // Follow what exercised rules read, until nothing new is reached.
  let grew = true;
  while (grew) {
    grew = false;
    for (const { rule } of all) {
      if (!exercised.has(rule.rule.name)) continue;
      for (const selector of rule.analysis.selectors) {
        if (!exercised.has(selector.name)) {
          exercised.add(selector.name);
          grew = true;
        }
      }
    }
  }
  return all.filter(({ rule }) => !exercised.has(rule.rule.name));
}

/** Errors for the alerts the project's testPolicy requires tests of and that have none. */
export function enforceTestPolicy(untested: readonly UntestedRule[], policies: readonly Sourced<TestPolicy>[], diagnostics: Diagnostics): void {
  const required = new Set(policies.flatMap((p) => p.value.requireTestsFor));
  const where = policies[0]?.file;
  for (const { group, rule } of untested) {
    if (rule.rule.kind !== 'alert' || !required.has((rule.rule as AlertRule).severity)) continue;
    diagnostics.error(
      rule.rule.source ?? group.group.source,
      `group "${group.group.name}" alert "${rule.rule.name}"`,
      `is ${(rule.rule as AlertRule).severity} and no rule test exercises it`,
      `the project's testPolicy${where ? ` (${where})` : ''} requires a test of every ${[...required].join(' and ')} alert: add one to a rules/*.test.ts`,
    );
  }
}
