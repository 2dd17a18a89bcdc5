/**
 * From the declared SLOs to rule groups that validateRules checks with the project's own. An SLO
 * that fails validation compiles to nothing, and its errors at its declaration say why; what it
 * would have declared is accounted for here, so that a rule test, rule or dashboard reading its
 * alerts or recordings is not blamed for that SLO's mistake.
 */
import type { RuleGroup } from '../../sdk/rules.ts';
import type { Slo } from '../../sdk/slo.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import type { SeriesCatalog } from '../series-catalog.ts';
import { sloRuleGroup } from './rules.ts';
import { validateSlos } from './validate.ts';

export interface CompiledSlos {
  /** One rule group per valid SLO, of the file that declares it. */
  readonly groups: Sourced<RuleGroup>[];
  /** The alerts the rejected SLOs would have declared. */
  readonly rejectedAlerts: ReadonlySet<string>;
}

const UNKNOWN_LABELS = { labels: null, kind: 'gauge' } as const;

function recordingNames(groups: readonly RuleGroup[]): Set<string> {
  return new Set(groups.flatMap((group) => group.rules.filter((rule) => rule.kind === 'recording').map((rule) => rule.name)));
}

/**
 * Validates and compiles the SLOs. `ruleGroups` are the project's own, whose recordings an SLI may
 * read. The series the rejected SLOs would have recorded are added to `series`, labels unknown.
 */
export function compileSlos(root: string, slos: readonly Sourced<Slo>[], ruleGroups: readonly Sourced<RuleGroup>[], series: SeriesCatalog, diagnostics: Diagnostics): CompiledSlos {
  const ownRecordings = recordingNames(ruleGroups.map((g) => g.value));
  // validateRules registers the project's recordings in `series` only after the SLOs are checked.
  const resolve = (name: string) => series.resolve(name) ?? (ownRecordings.has(name) ? UNKNOWN_LABELS : undefined);
  const { valid, rejected } = validateSlos(root, slos, { resolve, names: () => [...series.names(), ...ownRecordings] }, diagnostics);
  const groups = valid.map(({ value, file }) => ({ value: sloRuleGroup(value), file }));
  const notCompiled = rejected.map(({ value }) => sloRuleGroup(value));
  // The first registration of a name wins: skip those a compiled group records, whose labels validateRules will find.
  const recorded = new Set([...ownRecordings, ...recordingNames(groups.map((g) => g.value))]);
  for (const name of recordingNames(notCompiled)) if (!recorded.has(name)) series.addRecording(name, () => UNKNOWN_LABELS);
  const rejectedAlerts = new Set(notCompiled.flatMap((group) => group.rules.filter((rule) => rule.kind === 'alert').map((rule) => rule.name)));
  return { groups, rejectedAlerts };
}
