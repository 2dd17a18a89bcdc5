/**
 * Checks rule groups and their rules, and analyzes every expression: names, durations, required
 * fields, PromQL (syntax, metrics, labels, argument types) and the labels templates may use.
 */
import { relative } from 'node:path';
import { ALERT_NAME_RE, GROUP_NAME_RE, LABEL_NAME_RE, RECORDING_NAME_RE, SEVERITY_LABEL } from '../../sdk/conventions.ts';
import { SEVERITIES } from '../../sdk/severity.ts';
import type { AlertRule, RecordingRule, RuleGroup } from '../../sdk/rules.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import { closest } from '../../runtime/config/closest.ts';
import { loneSurrogateMessage, loneSurrogates } from '../../runtime/config/lone-surrogates.ts';
import { analyzePromql, position, type Analysis } from '../promql/analyze.ts';
import type { AnalyzedGroup, AnalyzedRule } from '../project.ts';
import type { SeriesCatalog } from '../series-catalog.ts';
import { checkDuration } from './check-duration.ts';
import { readGoTemplate } from './go-template-syntax.ts';
import { alertAnnotations } from '../emit/prometheus-rules.ts';

function sorted(labels: Iterable<string>): string {
  const list = [...labels].sort();
  return list.length ? list.join(', ') : '(none)';
}

/** A caret under the problem, for expressions that fit on a line. */
function pointAt(expr: string, from: number, to: number): string {
  if (expr.includes('\n') || expr.length > 160) return '';
  return `\n${expr}\n${' '.repeat(from)}${'^'.repeat(Math.max(1, to - from))}`;
}

function reportPromql(analysis: Analysis, expr: string, source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): void {
  for (const problem of analysis.problems) {
    const { line, column } = position(expr, problem.from);
    const where = expr.includes('\n') ? `line ${line} column ${column}` : `column ${column}`;
    const hint = [problem.hint, pointAt(expr, problem.from, problem.to).trimStart()].filter(Boolean).join('\n');
    diagnostics.error(source, subject, `PromQL at ${where}: ${problem.message}`, hint || undefined);
  }
}

/** The external labels the project's prometheusConfig declares, and where; unknown without one. */
export interface DeclaredExternalLabels {
  readonly labels: Readonly<Record<string, string>>;
  readonly where: string;
}

function checkAlert(alert: AlertRule, analysis: Analysis, external: DeclaredExternalLabels | undefined, source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): void {
  if (!ALERT_NAME_RE.test(alert.name)) diagnostics.error(source, subject, 'the alert name is not CamelCase', 'name alerts like SyncErrorRateHigh: a capital letter, then letters and digits');
  if (!alert.for) diagnostics.error(source, subject, 'has no `for`', 'set how long the condition must hold before firing, e.g. for: "5m"; without it every blip pages');
  checkDuration(alert.for || undefined, '`for`', source, subject, diagnostics);
  checkDuration(alert.keepFiringFor, '`keepFiringFor`', source, subject, diagnostics);
  if (!(SEVERITIES as readonly string[]).includes(alert.severity)) diagnostics.error(source, subject, `severity "${alert.severity}" is not one of ${SEVERITIES.join(', ')}`);
  if (!alert.summary?.trim()) diagnostics.error(source, subject, 'has no summary', 'write one line that will title the notification');
  if (SEVERITY_LABEL in alert.labels) diagnostics.error(source, subject, 'sets the severity label directly', 'use the `severity` property instead');
  // Prometheus sets alertname to the rule's name over any given: routing and ALERTS.md would be told another.
  if (Object.hasOwn(alert.labels, 'alertname')) diagnostics.error(source, subject, 'sets the alertname label, which Prometheus replaces with the alert\'s name', 'rename the alert with `name` instead, and drop the label');
  checkLabels(alert.labels, source, subject, diagnostics);
  for (const name of Object.keys(alert.annotations)) {
    // promtool refuses it: "invalid annotation name".
    if (!LABEL_NAME_RE.test(name)) diagnostics.error(source, subject, `annotation "${name}" is not a valid annotation name`, 'annotation names are label names: letters, digits and underscores, not starting with a digit, such as runbook_url');
  }
  // Every annotation the rule file gets (the runbook's too, as written), and the label values: Prometheus expands them all as templates.
  const templates: [string, string | undefined][] = [
    ...Object.entries(alertAnnotations(alert)),
    ...Object.entries(alert.labels).map(([label, value]): [string, string] => [`label "${label}"`, value]),
  ];
  for (const [field, template] of templates) {
    if (typeof template !== 'string') continue;
    const { problem, labels, externalLabels, defines } = readGoTemplate(template);
    if (problem) diagnostics.error(source, subject, `${field} template: ${problem.message}`, problem.hint);
    // Prometheus names the template it expands __alert_<name>, and gives it a body (its $labels and the like).
    const own = `__alert_${alert.name}`;
    if (defines.includes(own)) diagnostics.error(source, subject, `${field} template: template: multiple definition of template ${JSON.stringify(own)}`, 'Prometheus gives the alert\'s own templates this name: name the define otherwise');
    // Prometheus fills $labels from the result series: a label the expression drops renders empty in a page.
    const available = analysis.labels;
    const dropped = available ? labels.filter((name) => !available.has(name)) : [];
    if (dropped.length) {
      diagnostics.error(
        source,
        subject,
        `${field} names label${dropped.length > 1 ? 's' : ''} ${dropped.map((l) => `"${l}"`).join(', ')}, which the expression does not keep`,
        `available: ${sorted(analysis.labels ?? [])} and $value; keep the label in the expression's by (...) or drop it from the template`,
      );
    }
    // Prometheus prints an external label it does not add as an empty string.
    if (!external) continue;
    for (const name of externalLabels.filter((l) => !Object.hasOwn(external.labels, l))) {
      const suggestion = closest(name, Object.keys(external.labels));
      diagnostics.error(
        source,
        subject,
        `${field} prints external label "${name}", which the prometheusConfig (${external.where}) does not declare: it would print empty`,
        `${suggestion ? `did you mean "${suggestion}"? ` : ''}externalLabels: ${sorted(Object.keys(external.labels))}; add it there, or drop it from the template`,
      );
    }
  }
}

function checkRecording(rule: RecordingRule, source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): void {
  if (!RECORDING_NAME_RE.test(rule.name)) {
    diagnostics.error(source, subject, 'the name does not follow level:metric:operations', 'e.g. connector:sync_operations:rate5m: the labels kept, the metric, the operations applied');
  }
  checkLabels(rule.labels, source, subject, diagnostics);
}

/**
 * A rule's own labels as promtool checks them (label names, string values), and none starting `__`:
 * promtool refuses only __name__, but Prometheus reserves the prefix for labels of its own.
 */
function checkLabels(labels: Readonly<Record<string, string>>, source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): void {
  for (const [label, value] of Object.entries(labels)) {
    if (!LABEL_NAME_RE.test(label)) diagnostics.error(source, subject, `label "${label}" is not a valid label name`, 'use letters, digits and underscores, not starting with a digit');
    else if (label.startsWith('__')) diagnostics.error(source, subject, `label "${label}" starts with __, which Prometheus reserves for its own labels`, 'name it without the leading underscores');
    if (typeof value !== 'string') diagnostics.error(source, subject, `label "${label}" must be a string`);
  }
}

/**
 * Rules that write the same series: a name and static labels (severity included) declared twice.
 * Two recording rules overwrite each other's samples (promtool reports "duplicate rules" within a
 * file); two alerts share one ALERTS series and Alertmanager merges them into one alert.
 */
class SeriesDeclarations {
  private readonly first = new Map<string, { group: string; subject: string; source: SourceLocation | undefined }>();

  constructor(private readonly root: string) {}

  check(rule: AlertRule | RecordingRule, group: string, source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): void {
    const labels: Record<string, string> = rule.kind === 'alert' ? { ...rule.labels, [SEVERITY_LABEL]: rule.severity } : { ...rule.labels };
    const key = JSON.stringify([rule.kind, rule.name, Object.keys(labels).sort().map((name) => [name, labels[name]])]);
    const other = this.first.get(key);
    if (!other) {
      this.first.set(key, { group, subject, source });
      return;
    }
    const where = other.source ? ` (${relative(this.root, other.source.file)}:${other.source.line})` : '';
    const clash = rule.kind === 'alert'
      ? 'both would fire into one ALERTS series and Alertmanager would merge them into one alert'
      : 'each would overwrite the samples of the other at every evaluation';
    diagnostics.error(
      source,
      subject,
      `has the same name and labels as ${other.group === group ? 'an earlier rule of this group' : other.subject}${where}: ${clash}`,
      rule.kind === 'alert'
        ? 'rename one, or give them different severities or a static label that tells them apart'
        : 'delete one, merge their expressions with `or`, or add a static label that tells their series apart',
    );
  }
}

/**
 * Validates every group and analyzes every expression. Recording rules are registered first, so an
 * alert may read a recording rule of any group.
 */
export function validateRules(
  root: string,
  groups: readonly Sourced<RuleGroup>[],
  series: SeriesCatalog,
  external: DeclaredExternalLabels | undefined,
  diagnostics: Diagnostics,
): AnalyzedGroup[] {
  const analyses = new Map<AlertRule | RecordingRule, Analysis>();
  const analyze = (rule: AlertRule | RecordingRule): Analysis => {
    let analysis = analyses.get(rule);
    if (!analysis) {
      analysis = analyzePromql(rule.expr, series.resolve, series.names);
      analyses.set(rule, analysis);
    }
    return analysis;
  };
  for (const { value: group } of groups) {
    for (const rule of group.rules) {
      if (rule.kind !== 'recording') continue;
      series.addRecording(rule.name, () => {
        const { labels } = analyze(rule);
        return { labels: labels ? new Set([...labels, ...Object.keys(rule.labels)]) : null, kind: 'gauge' };
      });
    }
  }

  const groupNames = new Map<string, SourceLocation>();
  const sameSeries = new SeriesDeclarations(root);
  return groups.map(({ value: group, file }) => {
    const groupSource = group.source ?? { file, line: 1 };
    const groupSubject = `group "${group.name}"`;
    if (!GROUP_NAME_RE.test(group.name)) diagnostics.error(groupSource, groupSubject, 'the group name must be lower case letters, digits, ".", "_" or "-"', 'it becomes the file name generated/prometheus/rules/<name>.yml');
    const other = groupNames.get(group.name);
    // A group declared twice has its rules twice: that one mistake is reported once.
    const series = other ? undefined : sameSeries;
    if (other) diagnostics.error(groupSource, groupSubject, `is declared twice (also at ${relative(root, other.file)}:${other.line})`, 'rename one: group names are unique across the project');
    groupNames.set(group.name, groupSource);
    checkDuration(group.interval, 'interval', groupSource, groupSubject, diagnostics);
    if (group.limit !== undefined && (!Number.isInteger(group.limit) || group.limit < 0)) diagnostics.error(groupSource, groupSubject, `limit ${group.limit} must be a whole number ≥ 0`);
    if (group.rules.length === 0) diagnostics.error(groupSource, groupSubject, 'has no rules');

    const alertNames = new Set<string>();
    const rules: AnalyzedRule[] = group.rules.map((rule) => {
      const source = rule.source ?? groupSource;
      const subject = `${groupSubject} ${rule.kind === 'alert' ? 'alert' : 'recording rule'} "${rule.name}"`;
      for (const surrogate of loneSurrogates(rule)) diagnostics.error(source, subject, `${surrogate.path.join('.')} ${loneSurrogateMessage(surrogate)}`);
      const analysis = analyze(rule);
      reportPromql(analysis, rule.expr, source, subject, diagnostics);
      if (analysis.valueType !== 'vector' && analysis.problems.length === 0) {
        diagnostics.error(source, subject, `the expression is a ${analysis.valueType}; rules need an instant vector`, 'wrap a scalar in vector(...)');
      }
      if (rule.kind === 'alert') {
        if (alertNames.has(rule.name)) diagnostics.error(source, subject, 'duplicate alert name in this group', 'give each alert of a group its own name, or merge their conditions with `or`');
        else series?.check(rule, group.name, source, subject, diagnostics);
        alertNames.add(rule.name);
        checkAlert(rule, analysis, external, source, subject, diagnostics);
      } else {
        series?.check(rule, group.name, source, subject, diagnostics);
        checkRecording(rule, source, subject, diagnostics);
      }
      return { rule, analysis };
    });
    return { group, file, rules };
  });
}
