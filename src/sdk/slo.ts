/**
 * Service level objectives as code. An SLO names an SLI (the share of bad events) and an
 * objective over a period; the compiler turns it into recording rules and multi-window,
 * multi-burn-rate alerts (Google SRE workbook, chapter 5; the shape Sloth generates).
 */
import { BUCKET_LABEL, SLO_NAME_LABEL, SLO_SERVICE_LABEL, SLO_TIER_LABEL } from './conventions.ts';
import type { Counter, Histogram, TargetLabel } from './catalog.ts';
import type { Duration } from './duration.ts';
import { formatNumber } from './promql/expression.ts';
import { eq, oneOf, type Matcher, type Matchers, type Selector } from './promql/selector.ts';
import { inhibit, type Inhibition } from './notify/inhibit.ts';
import type { Severity } from './severity.ts';
import { noteDeclared } from './declarations.ts';
import { goFloat } from './go-float.ts';
import { callSite, type SourceLocation } from './source-location.ts';

/** Counter series that count events: a catalog counter, or one narrowed by matchers. */
export type EventCounter = Counter | Selector<string, 'counter'>;

/** An SLI of events: bad (or good) ones out of all. */
export type EventsSli = { readonly bad: EventCounter; readonly total: EventCounter } | { readonly good: EventCounter; readonly total: EventCounter };

/** An SLI of latency: the share of observations slower than a threshold. */
export interface LatencySli<L extends string> {
  readonly histogram: Histogram<string, L>;
  /** The bound a good observation stays within, in the histogram's unit; one of its buckets, so it is counted exactly. */
  readonly threshold: number;
  /** Only these observations count. Default: all. */
  readonly matchers?: Matchers<L | TargetLabel>;
}

/** Two windows that must both burn budget too fast: the long one for significance, the short one to reset fast. */
export interface BurnWindow {
  readonly long: Duration;
  readonly short: Duration;
  /** Share of the whole period's error budget that burning over `long` may spend before the alert fires (0.02 = 2%). */
  readonly budgetShare: number;
}

/** One tier of burn-rate alerts. Every field defaults to the tier's default (see DEFAULT_SLO_TIERS). */
export interface SloTierProps {
  /** The value of the `slo_tier` label (and the alert name's suffix). */
  readonly label?: string;
  readonly severity?: Severity;
  readonly for?: Duration;
  readonly windows?: readonly BurnWindow[];
  /** Extra labels for routing this tier. */
  readonly labels?: Readonly<Record<string, string>>;
}

export type SloTierName = 'page' | 'ticket';

/** A tier as compiled: every field resolved. */
export interface SloTier {
  readonly tier: SloTierName;
  readonly label: string;
  readonly severity: Severity;
  readonly for: Duration;
  readonly windows: readonly BurnWindow[];
  readonly labels: Readonly<Record<string, string>>;
}

/** The workbook's defaults: page on 2% of the budget in 1h or 5% in 6h; ticket on 10% in 1d or 3d. */
export const DEFAULT_SLO_TIERS: Readonly<Record<SloTierName, Omit<SloTier, 'labels'>>> = {
  page: {
    tier: 'page',
    label: 'page',
    severity: 'critical',
    for: '2m',
    windows: [
      { long: '1h', short: '5m', budgetShare: 0.02 },
      { long: '6h', short: '30m', budgetShare: 0.05 },
    ],
  },
  ticket: {
    tier: 'ticket',
    label: 'ticket',
    severity: 'warning',
    for: '15m',
    windows: [
      { long: '1d', short: '2h', budgetShare: 0.1 },
      { long: '3d', short: '6h', budgetShare: 0.1 },
    ],
  },
};

export interface SloProps<L extends string> {
  /** The service the SLO is about, e.g. `sync-service`. */
  readonly service: string;
  /** Lower-case name, unique within the service, e.g. `sync-success`. */
  readonly name: string;
  /** One sentence for people: what the objective promises. */
  readonly description?: string;
  /** Target share of good events, in percent: 99.5 means at most 0.5% may be bad. */
  readonly objective: number;
  /** The period the objective (and its error budget) spans, in days. Default 30. */
  readonly windowDays?: number;
  readonly sli: EventsSli | LatencySli<L>;
  /** Burn-rate alert tiers: `false` turns one off; fields given replace the defaults. */
  readonly page?: SloTierProps | false;
  readonly ticket?: SloTierProps | false;
  /** Labels for routing every alert of the SLO (team, service). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Where the on-call engineer reads what to do. */
  readonly runbook?: string;
  /**
   * How often the SLO's rules are evaluated. Default: the global evaluation interval. A longer one
   * (1m) makes the 30-day ratio, which reads every 5m ratio of the period, cheaper to keep.
   */
  readonly interval?: Duration;
}

/** The SLI as compiled: counter selectors as PromQL text, either bad or good events out of the total. */
export interface SloSli {
  readonly bad: string | undefined;
  readonly good: string | undefined;
  readonly total: string;
  /** For a latency SLI: the histogram and threshold, which must be one of its buckets. */
  readonly latency: { readonly histogram: Histogram; readonly threshold: number } | undefined;
}

export interface Slo {
  readonly kind: 'slo';
  readonly service: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly objective: number;
  readonly windowDays: number;
  readonly sli: SloSli;
  /** Enabled tiers, page first. */
  readonly tiers: readonly SloTier[];
  readonly labels: Readonly<Record<string, string>>;
  readonly runbook: string | undefined;
  readonly interval: Duration | undefined;
  readonly source: SourceLocation | undefined;
}

function selectorOf(counter: EventCounter): string {
  return 'select' in counter && counter.kind === 'metric' ? counter.select().text : (counter as Selector<string, 'counter'>).text;
}

/**
 * The `le` values a bucket's bound is stored under, or the SLI selects nothing and the SLO falls
 * silent: Prometheus 2 keeps the text as exposed, which a JavaScript client writes as JavaScript
 * prints the number (`0.00005`) and a Go client as Go does (`5e-05`); Prometheus 3 normalizes it to
 * Go's form with a fraction (`2` is stored `2.0`).
 */
function bucketBound(threshold: number): Matcher {
  const go = goFloat(threshold, undefined);
  const texts = [...new Set([formatNumber(threshold), go, /[.e]/.test(go) ? go : `${go}.0`])];
  return texts.length > 1 ? oneOf(texts) : eq(texts[0]!);
}

function sliOf<L extends string>(sli: EventsSli | LatencySli<L>): SloSli {
  if ('histogram' in sli) {
    const { histogram, threshold } = sli;
    const matchers = sli.matchers ?? {};
    return {
      bad: undefined,
      // The bucket at the threshold counts the observations within it: the good events.
      good: histogram.bucket({ ...matchers, [BUCKET_LABEL]: bucketBound(threshold) } as Matchers<L | TargetLabel | typeof BUCKET_LABEL>).text,
      total: histogram.count(matchers).text,
      latency: { histogram, threshold },
    };
  }
  return {
    bad: 'bad' in sli ? selectorOf(sli.bad) : undefined,
    good: 'good' in sli ? selectorOf(sli.good) : undefined,
    total: selectorOf(sli.total),
    latency: undefined,
  };
}

function tierOf(tier: SloTierName, props: SloTierProps | false | undefined): SloTier | undefined {
  if (props === false) return undefined;
  // A field given as undefined (`for: options.pageFor`) keeps the default rather than erasing it.
  const given: SloTierProps = Object.fromEntries(Object.entries(props ?? {}).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_SLO_TIERS[tier], labels: {}, ...given };
}

/** Declare an SLO; export it from a rules/ module and the build compiles its rules and alerts. */
export function slo<L extends string = never>(props: SloProps<L>): Slo {
  return noteDeclared({
    kind: 'slo',
    service: props.service,
    name: props.name,
    description: props.description,
    objective: props.objective,
    windowDays: props.windowDays ?? 30,
    sli: sliOf(props.sli),
    tiers: [tierOf('page', props.page), tierOf('ticket', props.ticket)].filter((t): t is SloTier => t !== undefined),
    labels: props.labels ?? {},
    runbook: props.runbook,
    interval: props.interval,
    source: callSite(),
  });
}

/** The alert name of an SLO tier: `sync-success` and `page` make `SyncSuccessBudgetBurnPage`. */
export function sloAlertName(slo: Pick<Slo, 'name'>, tierLabel: string): string {
  const camel = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return `${camel(slo.name)}BudgetBurn${camel(tierLabel)}`;
}

/**
 * Inhibitions that mute each SLO's ticket while its page fires, for notifyConfig:
 * `inhibitions: [...sloInhibitions(syncSuccess, syncLatency)]`. An SLO without both tiers has none.
 */
export function sloInhibitions(...slos: readonly Slo[]): Inhibition[] {
  return slos.flatMap((slo) => {
    const page = slo.tiers.find((t) => t.tier === 'page');
    const ticket = slo.tiers.find((t) => t.tier === 'ticket');
    if (!page || !ticket) return [];
    const same = { [SLO_SERVICE_LABEL]: slo.service, [SLO_NAME_LABEL]: slo.name };
    return [inhibit({ sourceMatchers: { ...same, [SLO_TIER_LABEL]: page.label }, targetMatchers: { ...same, [SLO_TIER_LABEL]: ticket.label } })];
  });
}
