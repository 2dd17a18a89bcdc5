/**
 * Every series name the project's expressions may read: catalog metrics (a histogram as its
 * _bucket, _sum and _count series), recording rules, and Prometheus' own ALERTS series; with the
 * labels each carries.
 */
import { BUCKET_LABEL, HISTOGRAM_SUFFIXES, TARGET_LABELS } from '../sdk/conventions.ts';
import type { Metric } from '../sdk/catalog.ts';
import type { SeriesInfo } from './promql/analyze.ts';

export class SeriesCatalog {
  private readonly series = new Map<string, SeriesInfo>();
  /** Recording rules whose labels are computed on first use, so their order does not matter. */
  private readonly pending = new Map<string, () => SeriesInfo>();
  private readonly resolving = new Set<string>();

  constructor(metrics: readonly Metric[]) {
    for (const metric of metrics) {
      const labels = new Set<string>([...metric.labels, ...TARGET_LABELS]);
      if (metric.type === 'histogram') {
        this.series.set(`${metric.name}${HISTOGRAM_SUFFIXES.bucket}`, { labels: new Set([...labels, BUCKET_LABEL]), kind: 'counter' });
        this.series.set(`${metric.name}${HISTOGRAM_SUFFIXES.sum}`, { labels, kind: 'counter' });
        this.series.set(`${metric.name}${HISTOGRAM_SUFFIXES.count}`, { labels, kind: 'counter' });
      } else {
        this.series.set(metric.name, { labels, kind: metric.type });
      }
    }
    // Prometheus writes one ALERTS series per pending or firing alert, labelled like the alert.
    this.series.set('ALERTS', { labels: null, kind: 'gauge' });
    this.series.set('ALERTS_FOR_STATE', { labels: null, kind: 'gauge' });
  }

  /** Registers a recording rule; `analyze` computes its labels when an expression first reads it. */
  addRecording(name: string, analyze: () => SeriesInfo): void {
    if (!this.series.has(name) && !this.pending.has(name)) this.pending.set(name, analyze);
  }

  resolve = (name: string): SeriesInfo | undefined => {
    const known = this.series.get(name);
    if (known) return known;
    const analyze = this.pending.get(name);
    if (!analyze) return undefined;
    // A recording rule that (indirectly) reads itself: its labels cannot be known.
    if (this.resolving.has(name)) return { labels: null, kind: 'gauge' };
    this.resolving.add(name);
    const info = analyze();
    this.resolving.delete(name);
    this.series.set(name, info);
    this.pending.delete(name);
    return info;
  };

  names = (): Iterable<string> => [...this.series.keys(), ...this.pending.keys()];
}
