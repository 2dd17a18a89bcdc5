/**
 * The metrics rules/notifier-metrics.ts declares for the self-monitoring rules are the ones the
 * notifier exports, with the same type, labels, help and buckets: a rule over a metric renamed on
 * one side only would never fire.
 */
import { expect, it } from 'vitest';
import * as declared from '../../../rules/notifier-metrics.ts';
import { NotifierMetrics } from '../../../src/runtime/metrics.ts';
import { Metric } from '../../../src/sdk/catalog.ts';

it('exports every metric rules/notifier-metrics.ts declares, as it declares it', async () => {
  const metrics = new NotifierMetrics({ activeAlerts: () => 0, awaitingResend: () => 0, groups: () => 0, outboxDepth: () => 0, outboxOldestAgeSeconds: () => 0, openCircuits: () => [] });
  const exported = new Map((await metrics.registry.getMetricsAsJSON()).map((m) => [m.name, m]));
  const metricsDeclared: Metric[] = Object.values(declared).filter((m) => m instanceof Metric);
  expect(metricsDeclared.length).toBeGreaterThan(5);
  for (const metric of metricsDeclared) {
    const ours = metrics.registry.getSingleMetric(metric.name) as unknown as { labelNames: string[]; upperBounds?: number[] } | undefined;
    expect(ours, `${metric.name} is declared in rules/notifier-metrics.ts but not exported`).toBeDefined();
    expect({ type: exported.get(metric.name)!.type, help: exported.get(metric.name)!.help, labels: [...ours!.labelNames].sort() }, metric.name).toEqual({ type: metric.type, help: metric.help, labels: [...metric.labels].sort() });
    if (metric.buckets) expect(ours!.upperBounds, metric.name).toEqual(metric.buckets);
  }
});
