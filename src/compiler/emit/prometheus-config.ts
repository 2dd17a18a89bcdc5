/**
 * generated/prometheus/prometheus.yml: the project's prometheusConfig (scrape jobs, where alerts
 * go) with every generated rule file listed, relative to the config file as Prometheus and
 * promtool resolve them. A project that declares no prometheusConfig gets no file.
 */
import { posix } from 'node:path';
import { PROMETHEUS_RULES_DIR } from '../../sdk/conventions.ts';
import { isPrometheusConfig } from '../lint/intervals.ts';
import { collect } from '../load.ts';
import type { Project } from '../project.ts';
import { yamlHeader, type GeneratedFile } from './generated-file.ts';
import { toYaml } from './yaml-writer.ts';

export const PROMETHEUS_CONFIG_FILE = 'generated/prometheus/prometheus.yml';

const sortedRecord = (record: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));

export function emitPrometheusConfig(project: Project): GeneratedFile[] {
  const declared = collect(project.modules, isPrometheusConfig);
  if (declared.length === 0) return [];
  if (declared.length > 1) throw new Error(`one prometheusConfig per project; found ${declared.length}, in ${declared.map((d) => d.file).join(', ')}`);
  const { value: config, file } = declared[0]!;
  const ruleFiles = project.groups.map((g) => posix.relative(posix.dirname(PROMETHEUS_CONFIG_FILE), `${PROMETHEUS_RULES_DIR}/${g.group.name}.yml`)).sort();
  const doc = {
    global: {
      scrape_interval: config.scrapeInterval ?? '15s',
      evaluation_interval: config.evaluationInterval ?? '15s',
      external_labels: config.externalLabels && Object.keys(config.externalLabels).length ? sortedRecord(config.externalLabels) : undefined,
    },
    alerting: { alertmanagers: [{ static_configs: [{ targets: config.alertmanagers }] }] },
    rule_files: ruleFiles,
    scrape_configs: config.scrapeJobs.map((job) => ({
      job_name: job.name,
      scrape_interval: job.scrapeInterval,
      metrics_path: job.metricsPath,
      static_configs: [{ targets: job.targets }],
    })),
  };
  return [{ path: PROMETHEUS_CONFIG_FILE, content: yamlHeader(project.root, [file, ...project.groups.map((g) => g.file)]) + toYaml(doc) }];
}
