/**
 * Compiles an SLO into one rule group: the SLI's error ratio over every alert window, the ratio
 * over the whole period (from the recorded 5m event rates, never re-reading the raw series over
 * 30 days), the objective, budget, burn rates and budget remaining, then one alert per tier.
 */
import { SLO_GROUP_PREFIX, SLO_NAME_LABEL, SLO_RECORDINGS, SLO_SERVICE_LABEL, SLO_TIER_LABEL, SLO_WINDOW_LABEL } from '../../sdk/conventions.ts';
import { describeDuration } from '../../sdk/duration.ts';
import { RecordingRule, type AlertRule, type RuleGroup } from '../../sdk/rules.ts';
import { sloAlertName, type Slo, type SloTier } from '../../sdk/slo.ts';
import { BASE_WINDOW, burnFactor, errorBudget, objectiveRatio, periodWindow, recordedWindows, tidy } from './burn-rate.ts';

/** The rule group's name: `slo-sync-service-sync-success`. */
export function sloGroupName(slo: Pick<Slo, 'service' | 'name'>): string {
  return `${SLO_GROUP_PREFIX}${slo.service}-${slo.name}`.toLowerCase();
}

/** `{slo_service="sync-service", slo="sync-success"}`: selects this SLO's recorded series. */
function sloMatchers(slo: Slo): string {
  return `{${SLO_SERVICE_LABEL}=${JSON.stringify(slo.service)}, ${SLO_NAME_LABEL}=${JSON.stringify(slo.name)}}`;
}

/**
 * The error ratio of the raw counters over `window`. A window without traffic records no sample:
 * 0/0 would record NaN, and one NaN in the period's average makes the budget NaN for 30 days. A
 * counter not yet born (no error so far) counts as 0 rather than dropping the window.
 */
function errorRatioExpr(slo: Slo, window: string): string {
  const { bad, good, total } = slo.sli;
  const traffic = `(sum(rate(${total}[${window}])) > 0)`;
  return bad !== undefined ? `${events(bad, window)} / ${traffic}` : `1 - (${events(good!, window)} / ${traffic})`;
}

/** Events a second of `selector` over `window`; a counter not yet born counts as none. */
const events = (selector: string, window: string) => `(sum(rate(${selector}[${window}])) or vector(0))`;

/** Bad events a second over `window`: the SLI's bad events, or all of them but the good. */
function badEventRateExpr(slo: Slo, window: string): string {
  const { bad, good, total } = slo.sli;
  return bad !== undefined ? events(bad, window) : `sum(rate(${total}[${window}])) - ${events(good!, window)}`;
}

function tierWhen(slo: Slo, tier: SloTier): string {
  const clauses = tier.windows.map(
    (w) => `over both the last ${describeDuration(w.long)} and ${describeDuration(w.short)} at ${burnFactor(slo, w)} times the sustainable rate`,
  );
  return `the ${slo.objective}% SLO ${slo.name} of ${slo.service} burns its error budget ${clauses.join(', or ')}`;
}

function tierAlert(slo: Slo, tier: SloTier): AlertRule {
  const selected = sloMatchers(slo);
  const budget = errorBudget(slo);
  // Both windows must burn too fast: the long one proves it matters, the short one that it is still happening.
  const condition = tier.windows
    .map((w) => {
      const threshold = `(${burnFactor(slo, w)} * ${budget})`;
      const over = (window: string) => `max without (${SLO_WINDOW_LABEL}) (${SLO_RECORDINGS.errorRatio(window)}${selected} > ${threshold})`;
      return `(${over(w.long)} and ${over(w.short)})`;
    })
    .join(' or ');
  return {
    kind: 'alert',
    name: sloAlertName(slo, tier.label),
    expr: condition,
    for: tier.for,
    keepFiringFor: undefined,
    severity: tier.severity,
    summary: `SLO ${slo.name} of ${slo.service} is burning its error budget too fast`,
    description: `The error ratio of ${slo.name} is {{ $value | humanizePercentage }}; at this rate the ${slo.windowDays}-day error budget of ${tidy(budget * 100)}% (objective ${slo.objective}%) runs out early.`,
    when: tierWhen(slo, tier),
    runbook: slo.runbook,
    labels: { ...slo.labels, ...tier.labels, [SLO_TIER_LABEL]: tier.label },
    annotations: {},
    withoutEscalation: undefined,
    waive: {},
    source: slo.source,
  };
}

/** The SLO's rules as a group that flows through validation, lint and the emitters like any other. */
export function sloRuleGroup(slo: Slo): RuleGroup {
  const selected = sloMatchers(slo);
  const identity = { [SLO_SERVICE_LABEL]: slo.service, [SLO_NAME_LABEL]: slo.name };
  const recording = (name: string, expr: string, labels: Record<string, string> = {}) => new RecordingRule(name, expr, { ...identity, ...labels }, slo.source);
  const period = periodWindow(slo);
  const base = `${SLO_RECORDINGS.errorRatio(BASE_WINDOW)}${selected}`;
  const budget = errorBudget(slo);
  const rate = (name: string) => `${name}${selected}[${period}]`;
  const rules = [
    ...recordedWindows(slo).map((window) => recording(SLO_RECORDINGS.errorRatio(window), errorRatioExpr(slo, window), { [SLO_WINDOW_LABEL]: window })),
    recording(SLO_RECORDINGS.eventRate(BASE_WINDOW), `sum(rate(${slo.sli.total}[${BASE_WINDOW}]))`),
    recording(SLO_RECORDINGS.badEventRate(BASE_WINDOW), badEventRateExpr(slo, BASE_WINDOW)),
    // Bad events over all events of the period, not the mean of its 5m ratios (Sloth's), which
    // counts a quiet night's few failures as much as a busy day's many successes.
    recording(
      SLO_RECORDINGS.errorRatio(period),
      `sum_over_time(${rate(SLO_RECORDINGS.badEventRate(BASE_WINDOW))}) / (sum_over_time(${rate(SLO_RECORDINGS.eventRate(BASE_WINDOW))}) > 0)`,
      { [SLO_WINDOW_LABEL]: period },
    ),
    recording(SLO_RECORDINGS.objective, `vector(${objectiveRatio(slo)})`),
    recording(SLO_RECORDINGS.errorBudget, `vector(${budget})`),
    recording(SLO_RECORDINGS.periodDays, `vector(${slo.windowDays})`),
    recording(SLO_RECORDINGS.currentBurnRate, `sum without (${SLO_WINDOW_LABEL}) (${base}) / ${budget}`),
    recording(SLO_RECORDINGS.periodBurnRate, `sum without (${SLO_WINDOW_LABEL}) (${SLO_RECORDINGS.errorRatio(period)}${selected}) / ${budget}`),
    recording(SLO_RECORDINGS.budgetRemaining, `1 - ${SLO_RECORDINGS.periodBurnRate}${selected}`),
    ...slo.tiers.map((tier) => tierAlert(slo, tier)),
  ];
  return { kind: 'rule-group', name: sloGroupName(slo), interval: slo.interval, limit: undefined, rules, source: slo.source };
}
