/**
 * Rule unit tests in TypeScript (rules/*.test.ts): input series over catalog metrics, evaluation
 * times, and what must fire (or stay quiet) and what recording rules must hold. Expectations are
 * partial: name only the labels and annotations the test is about; the compiler completes the
 * rest from the rule, since promtool compares exactly.
 */
import { BUCKET_LABEL, HISTOGRAM_SUFFIXES } from './conventions.ts';
import type { Histogram, Metric, TargetLabel } from './catalog.ts';
import type { Duration } from './duration.ts';
import { formatNumber, type InstantVector } from './promql/expression.ts';
import { selectorText } from './promql/selector.ts';
import type { AlertRule, RecordingRule } from './rules.ts';
import type { Severity } from './severity.ts';
import { noteDeclared } from './declarations.ts';
import { callSite, type SourceLocation } from './source-location.ts';

/**
 * A series' samples, one per test interval: promtool's expanding notation (`0+10x30`, `1 _x5 stale`)
 * or a list (`[0, 10, '_', 'stale']`).
 */
export type SeriesValues = string | readonly (number | '_' | 'stale')[];

/** One input series as promtool reads it. */
export interface InputSeries {
  /** `name{label="value", ...}` */
  readonly series: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly values: string;
}

type LabelValues<L extends string> = { readonly [K in L | TargetLabel]?: string };

function inputSeries(name: string, labels: Readonly<Record<string, string | undefined>>, values: SeriesValues): InputSeries {
  const defined = Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => e[1] !== undefined));
  return { series: selectorText(name, defined), labels: defined, values: typeof values === 'string' ? values : values.map((v) => (typeof v === 'number' ? formatNumber(v) : v)).join(' ') };
}

/** Samples of a counter or gauge of the catalog, with the labels it carries. */
export function series<L extends string>(metric: Metric<string, 'counter' | 'gauge', L>, labels: LabelValues<L>, values: SeriesValues): InputSeries {
  return inputSeries(metric.name, labels, values);
}

/**
 * A histogram's cumulative bucket series, one per upper bound given (`'2'`, `'+Inf'`), its
 * `_count`, which is the `+Inf` bucket, and its `_sum` when `sum` is given.
 */
export function histogramSeries<L extends string>(
  histogram: Histogram<string, L>,
  labels: LabelValues<L>,
  buckets: Readonly<Record<string, SeriesValues>> & { readonly '+Inf': SeriesValues },
  /** The `_sum` series: the running total of the observations, for rules on rate(..._sum). Default: no `_sum` series. */
  sum?: SeriesValues,
): InputSeries[] {
  return [
    ...Object.entries(buckets).map(([le, values]) => inputSeries(`${histogram.name}${HISTOGRAM_SUFFIXES.bucket}`, { ...labels, [BUCKET_LABEL]: le }, values)),
    inputSeries(`${histogram.name}${HISTOGRAM_SUFFIXES.count}`, labels, buckets['+Inf']),
    ...(sum === undefined ? [] : [inputSeries(`${histogram.name}${HISTOGRAM_SUFFIXES.sum}`, labels, sum)]),
  ];
}

/** One alert expected to be firing. Labels and annotations not named are completed from the rule. */
export interface ExpectedAlert {
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** The alert's value, when an annotation not named here prints it ({{ $value }}). */
  readonly value?: number;
}

export interface AlertExpectation {
  /** Time since the start of the series. */
  readonly at: Duration;
  /** The alert, or its name (e.g. an SLO's, from sloAlertName()). */
  readonly alert: AlertRule | string;
  /** The alerts firing at `at`; empty: the alert is quiet. */
  readonly firing: readonly ExpectedAlert[];
}

export interface ExpectedSample {
  /** For a recording rule, completed from the rule like an alert's; otherwise the sample's labels as they are. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface ValueExpectation {
  readonly at: Duration;
  /** A recording rule, or any expression. */
  readonly expr: RecordingRule | InstantVector | string;
  readonly samples: readonly ExpectedSample[];
}

export interface RuleTestProps {
  /** What the test shows, e.g. "SyncErrorRateHigh fires when 10% of writes fail". Unique in its file. */
  readonly name: string;
  /** Time between the samples of the input series. Default 1m. */
  readonly interval?: Duration;
  readonly series: readonly (InputSeries | readonly InputSeries[])[];
  readonly alerts?: readonly AlertExpectation[];
  readonly values?: readonly ValueExpectation[];
}

export interface RuleTest {
  readonly kind: 'rule-test';
  readonly name: string;
  readonly interval: Duration;
  readonly series: readonly InputSeries[];
  readonly alerts: readonly { readonly at: Duration; readonly alertname: string; readonly firing: readonly ExpectedAlert[] }[];
  readonly values: readonly { readonly at: Duration; readonly expr: string; readonly recording: string | undefined; readonly samples: readonly ExpectedSample[] }[];
  readonly source: SourceLocation | undefined;
}

/** Declare a rule unit test; export it from a rules/*.test.ts module. */
export function ruleTest(props: RuleTestProps): RuleTest {
  return noteDeclared({
    kind: 'rule-test',
    name: props.name,
    interval: props.interval ?? '1m',
    series: props.series.flat(),
    alerts: (props.alerts ?? []).map((a) => ({ at: a.at, alertname: typeof a.alert === 'string' ? a.alert : a.alert.name, firing: a.firing })),
    values: (props.values ?? []).map((v) => {
      const recording = typeof v.expr === 'object' && 'kind' in v.expr && v.expr.kind === 'recording' ? v.expr.name : undefined;
      return { at: v.at, expr: typeof v.expr === 'string' ? v.expr : recording ?? (v.expr as InstantVector).text, recording, samples: v.samples };
    }),
    source: callSite(),
  });
}

export interface TestPolicyProps {
  /** Alerts of these severities must each be exercised by a rule test, or the build fails. */
  readonly requireTestsFor: readonly Severity[];
}

export interface TestPolicy extends TestPolicyProps {
  readonly kind: 'test-policy';
}

/** Declare what the project requires of its rule tests; export it from a rules/ module. */
export function testPolicy(props: TestPolicyProps): TestPolicy {
  return { kind: 'test-policy', ...props };
}
