/** Which rules a test reaches: those it names, and every recording rule they read, transitively. */
import type { AnalyzedGroup, AnalyzedRule } from '../project.ts';

export interface GroupedRule {
  readonly group: AnalyzedGroup;
  readonly rule: AnalyzedRule;
}

/** The rules named `names` (alerts or recording rules, in any group) and the recording rules they read. */
export function rulesReachedFrom(groups: readonly AnalyzedGroup[], names: Iterable<string>): GroupedRule[] {
  const byName = new Map<string, GroupedRule[]>();
  for (const group of groups) for (const rule of group.rules) byName.set(rule.rule.name, [...(byName.get(rule.rule.name) ?? []), { group, rule }]);
  const reached: GroupedRule[] = [];
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const found of byName.get(name) ?? []) {
      reached.push(found);
      queue.push(...found.rule.analysis.selectors.map((s) => s.name));
    }
  }
  return reached;
}
