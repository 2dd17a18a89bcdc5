/**
 * Typed instruments for the catalog's metrics: thin wrappers over prom-client whose inc, set and
 * observe take exactly the labels the catalog declares, so a service cannot export a series its
 * alerts do not know about.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Metric, MetricType } from '../sdk/catalog.ts';

/** The label values of one series: every declared label, and no other. */
export type LabelValues<L extends string> = { readonly [K in L]: string | number };

/** A label-less metric's methods take no labels argument at all. */
type WithLabels<L extends string, Rest extends unknown[]> = [L] extends [never] ? Rest : [labels: LabelValues<L>, ...Rest];

export interface CounterInstrument<L extends string> {
  readonly metric: Metric<string, 'counter', L>;
  inc(...args: WithLabels<L, [value?: number]>): void;
}

export interface GaugeInstrument<L extends string> {
  readonly metric: Metric<string, 'gauge', L>;
  set(...args: WithLabels<L, [value: number]>): void;
  inc(...args: WithLabels<L, [value?: number]>): void;
  dec(...args: WithLabels<L, [value?: number]>): void;
}

export interface HistogramInstrument<L extends string> {
  readonly metric: Metric<string, 'histogram', L>;
  observe(...args: WithLabels<L, [value: number]>): void;
  /** Starts a timer; calling the result observes the seconds elapsed and returns them. */
  startTimer(...args: WithLabels<L, []>): () => number;
}

/** The instrument of a catalog metric, by its type. */
export type InstrumentOf<M> =
  M extends Metric<string, 'counter', infer L> ? CounterInstrument<L>
  : M extends Metric<string, 'gauge', infer L> ? GaugeInstrument<L>
  : M extends Metric<string, 'histogram', infer L> ? HistogramInstrument<L>
  : never;

/** The instruments of a set of catalog metrics, under the same keys. */
export type Instruments<C extends Readonly<Record<string, Metric>>> = { readonly [K in keyof C]: InstrumentOf<C[K]> };

/** Thrown for a metric another program exports (node_exporter, Prometheus): the service must not. */
export class ExternalMetricError extends Error {
  constructor(readonly metric: Metric) {
    super(`${metric.name} is exported by ${metric.external}, not by this service: external metrics are never instrumented`);
  }
}

type Labels = Record<string, string | number>;

/** Splits a call's arguments into labels and the rest; a label-less metric's calls carry none. */
function labelled(metric: Metric, args: readonly unknown[]): [Labels, ...unknown[]] {
  return metric.labels.length === 0 ? [{}, ...args] : (args as [Labels, ...unknown[]]);
}

function counterInstrument(metric: Metric, registry: Registry): CounterInstrument<string> {
  const counter = new Counter({ name: metric.name, help: metric.help, labelNames: metric.labels, registers: [registry] });
  return {
    metric: metric as Metric<string, 'counter', string>,
    inc: (...args: unknown[]) => {
      const [labels, value] = labelled(metric, args);
      counter.inc(labels, value as number | undefined);
    },
  };
}

function gaugeInstrument(metric: Metric, registry: Registry): GaugeInstrument<string> {
  const gauge = new Gauge({ name: metric.name, help: metric.help, labelNames: metric.labels, registers: [registry] });
  return {
    metric: metric as Metric<string, 'gauge', string>,
    set: (...args: unknown[]) => {
      const [labels, value] = labelled(metric, args);
      gauge.set(labels, value as number);
    },
    inc: (...args: unknown[]) => {
      const [labels, value] = labelled(metric, args);
      gauge.inc(labels, value as number | undefined);
    },
    dec: (...args: unknown[]) => {
      const [labels, value] = labelled(metric, args);
      gauge.dec(labels, value as number | undefined);
    },
  };
}

function histogramInstrument(metric: Metric, registry: Registry): HistogramInstrument<string> {
  const histogram = new Histogram({ name: metric.name, help: metric.help, labelNames: metric.labels, buckets: [...(metric.buckets ?? [])], registers: [registry] });
  return {
    metric: metric as Metric<string, 'histogram', string>,
    observe: (...args: unknown[]) => {
      const [labels, value] = labelled(metric, args);
      histogram.observe(labels, value as number);
    },
    startTimer: (...args: unknown[]) => histogram.startTimer(labelled(metric, args)[0]),
  };
}

const FACTORIES: Record<MetricType, (metric: Metric, registry: Registry) => unknown> = {
  counter: counterInstrument,
  gauge: gaugeInstrument,
  histogram: histogramInstrument,
};

/** Registers one catalog metric in `registry`; throws ExternalMetricError for an external one. */
export function instrumentMetric<M extends Metric>(registry: Registry, metric: M): InstrumentOf<M> {
  return createInstrument(registry, metric) as InstrumentOf<M>;
}

function createInstrument(registry: Registry, metric: Metric): unknown {
  if (metric.external !== undefined) throw new ExternalMetricError(metric);
  return FACTORIES[metric.type](metric, registry);
}

/**
 * Registers the metrics a service exports, named as the service wants to call them:
 * `instrument(registry, { syncOperations, queueDepth })`. Listing them keeps external metrics out
 * (they throw ExternalMetricError at startup, not at the first scrape).
 */
export function instrument<const C extends Readonly<Record<string, Metric>>>(registry: Registry, metrics: C): Instruments<C> {
  return Object.fromEntries(Object.entries(metrics).map(([key, metric]) => [key, createInstrument(registry, metric)])) as Instruments<C>;
}
