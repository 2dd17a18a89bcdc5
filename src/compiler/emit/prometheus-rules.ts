/** generated/prometheus/rules/<group>.yml: one Prometheus rule file per group, promtool-clean. */
import { DESCRIPTION_ANNOTATION, PROMETHEUS_RULES_DIR, RUNBOOK_ANNOTATION, SEVERITY_LABEL, SUMMARY_ANNOTATION } from '../../sdk/conventions.ts';
import type { AlertRule, RecordingRule } from '../../sdk/rules.ts';
import type { AnalyzedGroup, Project } from '../project.ts';
import { yamlHeader, type GeneratedFile } from './generated-file.ts';
import { sortedRecord, toYaml, type YamlValue } from './yaml-writer.ts';

/** Sorted, or left out of the YAML when empty. */
function nonEmpty(record: Readonly<Record<string, string>>): Record<string, string> | undefined {
  return Object.keys(record).length ? sortedRecord(record) : undefined;
}

/** The annotations Prometheus gets for an alert (rule tests complete expectations from them too). */
export function alertAnnotations(rule: AlertRule): Record<string, string> {
  const annotations: Record<string, string> = { [SUMMARY_ANNOTATION]: rule.summary };
  if (rule.description !== undefined) annotations[DESCRIPTION_ANNOTATION] = rule.description;
  if (rule.runbook !== undefined) annotations[RUNBOOK_ANNOTATION] = rule.runbook;
  return Object.assign(annotations, nonEmpty(rule.annotations));
}

function alertRule(rule: AlertRule): YamlValue {
  const annotations = alertAnnotations(rule);
  return {
    alert: rule.name,
    expr: rule.expr,
    for: rule.for,
    ...(rule.keepFiringFor ? { keep_firing_for: rule.keepFiringFor } : {}),
    labels: nonEmpty({ ...rule.labels, [SEVERITY_LABEL]: rule.severity }),
    annotations,
  };
}

function recordingRule(rule: RecordingRule): YamlValue {
  const labels = nonEmpty(rule.labels);
  return { record: rule.name, expr: rule.expr, ...(labels ? { labels } : {}) };
}

/** The YAML of one group, as Prometheus' rule file format has it. */
export function ruleFileYaml(group: AnalyzedGroup): string {
  const { name, interval, limit } = group.group;
  const doc = {
    groups: [
      {
        name,
        ...(interval ? { interval } : {}),
        ...(limit !== undefined ? { limit } : {}),
        rules: group.rules.map(({ rule }) => (rule.kind === 'alert' ? alertRule(rule) : recordingRule(rule))),
      },
    ],
  };
  return toYaml(doc);
}

export function emitPrometheusRules(project: Project): GeneratedFile[] {
  return project.groups.map((group) => ({
    path: `${PROMETHEUS_RULES_DIR}/${group.group.name}.yml`,
    content: yamlHeader(project.root, [group.file]) + ruleFileYaml(group),
  }));
}
