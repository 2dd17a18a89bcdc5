/**
 * The demo's copy of the generated Prometheus config and rules, with the timings shrunk so a
 * failure shows as an alert within seconds: scrape and evaluate every second, rate windows of 15s,
 * `for` at most 5s. The committed generated/ files keep their real timings.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { toYaml } from '../../src/compiler/emit/yaml-writer.ts';
import type { GeneratedFile } from '../../src/compiler/emit/generated-file.ts';
import { PROMETHEUS_CONFIG_FILE } from '../../src/compiler/emit/prometheus-config.ts';
import { formatDuration, parseDuration } from '../../src/sdk/duration.ts';
import { PROMETHEUS_RULES_DIR } from '../../src/sdk/conventions.ts';

export const DEMO_TIMINGS = { interval: '1s', range: '15s', maxFor: '5s' } as const;

/** `[5m]`, `[1h30m]`: a range selector's window, not a subquery's `[1h:5m]`. */
const RANGE_RE = /\[(?:\d+(?:ms|[smhdwy]))+\]/g;

type RuleFile = {
  groups: { interval?: string; rules: { alert?: string; expr: string; for?: string; keep_firing_for?: string }[] }[];
};

type PrometheusYaml = {
  global: Record<string, string>;
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  rule_files: string[];
  scrape_configs: { job_name: string; scrape_interval?: string; static_configs: { targets: string[] }[] }[];
};

function shorten(ruleFile: RuleFile): RuleFile {
  const maxFor = parseDuration(DEMO_TIMINGS.maxFor)!;
  for (const group of ruleFile.groups) {
    group.interval = DEMO_TIMINGS.interval;
    for (const rule of group.rules) {
      rule.expr = rule.expr.replace(RANGE_RE, `[${DEMO_TIMINGS.range}]`);
      if (rule.for !== undefined) rule.for = formatDuration(Math.min(parseDuration(rule.for) ?? maxFor, maxFor));
      delete rule.keep_firing_for;
    }
  }
  return ruleFile;
}

export interface DemoPrometheusOptions {
  /** Where to write; the config is <dir>/prometheus.yml. */
  readonly dir: string;
  /** The build's output: the generated config and rule files. */
  readonly files: readonly GeneratedFile[];
  /** host:port of each scrape job that runs in the demo; jobs not listed are left out. */
  readonly targets: Readonly<Record<string, string>>;
  /** host:port of the notifier, or undefined to send alerts nowhere. */
  readonly notifier: string | undefined;
}

/** Writes the demo config and rules; returns the config file's path. */
export async function writeDemoPrometheus(options: DemoPrometheusOptions): Promise<string> {
  const generated = options.files.find((f) => f.path === PROMETHEUS_CONFIG_FILE);
  if (!generated) throw new Error(`the build wrote no ${PROMETHEUS_CONFIG_FILE}: declare a prometheusConfig in rules/`);
  const config = parse(generated.content) as PrometheusYaml;
  config.global = { scrape_interval: DEMO_TIMINGS.interval, evaluation_interval: DEMO_TIMINGS.interval };
  config.alerting.alertmanagers = options.notifier ? [{ static_configs: [{ targets: [options.notifier] }] }] : [];
  config.scrape_configs = config.scrape_configs
    .filter((job) => options.targets[job.job_name] !== undefined)
    .map((job) => ({ ...job, scrape_interval: DEMO_TIMINGS.interval, static_configs: [{ targets: [options.targets[job.job_name]!] }] }));
  const configFile = join(options.dir, 'prometheus.yml');
  for (const file of options.files.filter((f) => f.path.startsWith(`${PROMETHEUS_RULES_DIR}/`))) {
    const path = join(options.dir, file.path.slice(dirname(PROMETHEUS_CONFIG_FILE).length + 1));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, toYaml(shorten(parse(file.content) as RuleFile)));
  }
  await writeFile(configFile, toYaml(config));
  return configFile;
}
