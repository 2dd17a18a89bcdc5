/**
 * Inhibit stage, with Alertmanager's semantics: a firing alert matching a rule's source matchers
 * mutes the alerts matching its target matchers that share its values of the `equal` labels. An
 * alert matching both sides is only muted by sources that do not also match the target side.
 */
import { matchersMatch } from '../config/route-match.ts';
import type { InhibitRule } from '../config/schema.ts';
import type { Alert } from '../model/alert.ts';
import { labelValue } from '../model/labels.ts';

interface IndexedRule {
  readonly rule: InhibitRule;
  /** Firing sources by their values of the equal labels. */
  readonly sources: Map<string, Alert[]>;
}

function equalKey(rule: InhibitRule, alert: Alert): string {
  return JSON.stringify(rule.equal.map((name) => labelValue(alert.labels, name)));
}

/** The inhibitions in force among a set of firing alerts. */
export class Inhibitor {
  private readonly rules: IndexedRule[];

  constructor(rules: readonly InhibitRule[], firing: Iterable<Alert>) {
    this.rules = rules.map((rule) => ({ rule, sources: new Map() }));
    for (const alert of firing) {
      for (const indexed of this.rules) {
        if (!matchersMatch(indexed.rule.source_matchers, alert.labels)) continue;
        const key = equalKey(indexed.rule, alert);
        const list = indexed.sources.get(key);
        if (list) list.push(alert);
        else indexed.sources.set(key, [alert]);
      }
    }
  }

  /**
   * The fingerprint of a firing alert that mutes `target`, or none: the first found, rules in
   * order, as Alertmanager marks an alert inhibited by one (its API lists that one).
   */
  inhibitedBy(target: Alert): string[] {
    for (const { rule, sources } of this.rules) {
      if (!matchersMatch(rule.target_matchers, target.labels)) continue;
      const targetIsSource = matchersMatch(rule.source_matchers, target.labels);
      for (const source of sources.get(equalKey(rule, target)) ?? []) {
        if (source.fingerprint === target.fingerprint) continue;
        if (targetIsSource && matchersMatch(rule.target_matchers, source.labels)) continue;
        return [source.fingerprint];
      }
    }
    return [];
  }
}
