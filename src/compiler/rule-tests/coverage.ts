/**
 * Which rules no test exercises: an alert is exercised by a test that expects it (firing or quiet);
 * a recording rule by a test of its values or by an exercised rule that reads it.
 */
import { relative } from 'node:path';
import type { TestPolicy } from '../../sdk/rule-test.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import type { AnalyzedGroup } from '../project.ts';
import type { RuleTestFile } from './compile.ts';
import { rulesReachedFrom, type GroupedRule } from './dependencies.ts';

export function untestedRules(groups: readonly AnalyzedGroup[], testFiles: readonly RuleTestFile[]): GroupedRule[] {
  const exercised = new Set(rulesReachedFrom(groups, testFiles.flatMap((f) => f.reads)).map((r) => r.rule));
  return groups.flatMap((group) => group.rules.filter((rule) => !exercised.has(rule)).map((rule) => ({ group, rule })));
}

/** Errors for the alerts the project's testPolicy requires tests of and that have none. */
export function enforceTestPolicy(root: string, untested: readonly GroupedRule[], policies: readonly Sourced<TestPolicy>[], diagnostics: Diagnostics): void {
  const required = new Set(policies.flatMap((p) => p.value.requireTestsFor));
  const where = policies[0] && relative(root, policies[0].file);
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
