/**
 * The intervals lint measures `for` and ranges against: the group's evaluation interval (or the
 * project's global one) and the longest scrape interval, from the project's prometheusConfig.
 */
import { parseDuration } from '../../sdk/duration.ts';
import type { PrometheusConfig } from '../../sdk/prometheus-config.ts';
import { collect, isKind, type LoadedModule } from '../load.ts';

/** What the generated prometheus.yml defaults to; without a config, Prometheus' own default (1m). */
const CONFIG_DEFAULT = '15s';
const PROMETHEUS_DEFAULT = '1m';

/** The project's prometheusConfig, which the intervals come from. */
export const isPrometheusConfig = isKind<PrometheusConfig>('prometheus-config');

export interface ProjectIntervals {
  readonly evaluationMs: number;
  readonly scrapeMs: number;
}

export function projectIntervals(modules: readonly LoadedModule[]): ProjectIntervals {
  const config = collect(modules, isPrometheusConfig)[0]?.value;
  const fallback = config ? CONFIG_DEFAULT : PROMETHEUS_DEFAULT;
  const ms = (value: string | undefined) => parseDuration(value ?? fallback) ?? parseDuration(fallback)!;
  const scrapes = [config?.scrapeInterval, ...(config?.scrapeJobs ?? []).map((job) => job.scrapeInterval ?? config?.scrapeInterval)];
  return { evaluationMs: ms(config?.evaluationInterval), scrapeMs: Math.max(...scrapes.map(ms)) };
}

/** The group's own interval when it has one, else the global evaluation interval. */
export function groupEvaluationMs(interval: string | undefined, intervals: ProjectIntervals): number {
  return (interval && parseDuration(interval)) || intervals.evaluationMs;
}
