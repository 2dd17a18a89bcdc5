/**
 * Compiles rules/*.test.ts into promtool's test files, one per source file: input series as
 * written, expectations completed from the rules (labels, annotations), the rule files they reach loaded.
 * A test that cannot be completed is an error naming its file, line and name.
 */
import { posix, relative } from 'node:path';
import { PROMETHEUS_RULES_DIR, PROMETHEUS_TESTS_DIR, RULE_TEST_SUFFIX, RULES_DIR, SEVERITY_LABEL } from '../../sdk/conventions.ts';
import { formatDuration } from '../../sdk/duration.ts';
import { selectorText } from '../../sdk/promql/selector.ts';
import type { ExpectedAlert, RuleTest } from '../../sdk/rule-test.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import type { Diagnostics } from '../diagnostics.ts';
import { alertAnnotations } from '../emit/prometheus-rules.ts';
import { sortedRecord, type YamlValue } from '../emit/yaml-writer.ts';
import type { Sourced } from '../load.ts';
import { closest } from '../../runtime/config/closest.ts';
import type { AnalyzedGroup, AnalyzedRule } from '../project.ts';
import { completeLabels, type CompletedLabels } from './complete-labels.ts';
import { namesRead, rulesReachedFrom } from './dependencies.ts';
import { renderGoTemplate, UnrenderableTemplate } from './go-template.ts';
import { SERIES_NOTATION, seriesValuesProblem } from './series-values.ts';

/** The promtool test file of one rules/*.test.ts. */
export interface RuleTestFile {
  /** The source, absolute. */
  readonly file: string;
  /** Where it is written, relative to the project root: generated/prometheus/tests/<name>.yml. */
  readonly path: string;
  readonly tests: readonly RuleTest[];
  /** Names of the rules and series its tests expect or query. */
  readonly reads: readonly string[];
  /** The file's content, without the generated header. */
  readonly document: YamlValue;
}

/** generated/prometheus/tests/sync.yml for rules/sync.test.ts. */
export function testFilePath(root: string, file: string): string {
  const name = relative(`${root}/${RULES_DIR}`, file).split('\\').join('/').slice(0, -RULE_TEST_SUFFIX.length);
  return `${PROMETHEUS_TESTS_DIR}/${name}.yml`;
}

class TestCompiler {
  private readonly alerts = new Map<string, AnalyzedRule<AlertRule>>();
  /** By name; an SLO's recordings share their names with every other SLO's. */
  private readonly recordings = new Map<string, AnalyzedRule[]>();

  constructor(
    private readonly groups: readonly AnalyzedGroup[],
    private readonly rejectedSloAlerts: ReadonlySet<string>,
    private readonly diagnostics: Diagnostics,
  ) {
    for (const group of groups) {
      for (const rule of group.rules) {
        if (rule.rule.kind === 'alert') this.alerts.set(rule.rule.name, rule as AnalyzedRule<AlertRule>);
        else this.recordings.set(rule.rule.name, [...(this.recordings.get(rule.rule.name) ?? []), rule]);
      }
    }
  }

  private fail(test: RuleTest, file: string, message: string, hint?: string): void {
    this.diagnostics.error(test.source ?? { file, line: 1 }, `rule test "${test.name}"`, message, hint);
  }

  private reportLabels(test: RuleTest, file: string, what: string, completed: CompletedLabels): void {
    for (const label of completed.impossible) {
      this.fail(test, file, `${what}: names label "${label}", which the rule's result never carries`, `it carries: ${Object.keys(completed.all).filter((l) => !completed.impossible.includes(l)).sort().join(', ') || '(no labels)'}`);
    }
    for (const { label, values } of completed.ambiguous) {
      this.fail(test, file, `${what}: label "${label}" could be ${values.map((v) => `"${v}"`).join(' or ')}`, `name it in the expectation: labels: { ${label}: '${values[0]}' }`);
    }
    for (const { label, reason } of completed.unrenderable) {
      this.fail(test, file, `${what}: label "${label}" cannot be completed: ${reason}`, `give the alert's value (value: ...) or the label itself (labels: { ${label}: '...' })`);
    }
  }

  private expectedAlert(test: RuleTest, file: string, analyzed: AnalyzedRule<AlertRule>, expected: ExpectedAlert, at: string): YamlValue {
    const alert = analyzed.rule;
    const what = `alert ${alert.name} at ${at}`;
    const completed = completeLabels(alert.expr, analyzed.analysis, { ...alert.labels, [SEVERITY_LABEL]: alert.severity }, test.series, expected.labels ?? {}, { value: expected.value });
    this.reportLabels(test, file, what, completed);
    const annotations: Record<string, string> = {};
    for (const [key, template] of Object.entries(alertAnnotations(alert))) {
      const named = expected.annotations?.[key];
      if (named !== undefined) {
        annotations[key] = named;
        continue;
      }
      try {
        annotations[key] = renderGoTemplate(template, completed.expression, expected.value);
      } catch (error) {
        if (!(error instanceof UnrenderableTemplate)) throw error;
        this.fail(test, file, `${what}: the ${key} annotation cannot be completed: ${error.message}`, `give the alert's value (value: ...) or the annotation itself (annotations: { ${key}: '...' })`);
      }
    }
    for (const key of Object.keys(expected.annotations ?? {})) {
      if (!(key in annotations)) this.fail(test, file, `${what}: the rule has no annotation "${key}"`, `its annotations: ${Object.keys(annotations).join(', ')}`);
    }
    return { exp_labels: sortedRecord(completed.all), exp_annotations: sortedRecord(annotations) };
  }

  private alertTests(test: RuleTest, file: string): YamlValue[] {
    return test.alerts.flatMap(({ at, alertname, firing }) => {
      const analyzed = this.alerts.get(alertname);
      if (!analyzed) {
        // Its SLO was rejected with errors of its own; the test is not wrong, and is checked once the SLO compiles.
        if (this.rejectedSloAlerts.has(alertname)) return [];
        const suggestion = closest(alertname, this.alerts.keys());
        this.fail(test, file, `expects alert ${alertname}, which no rule group declares`, suggestion ? `did you mean ${suggestion}?` : 'pass the alert object itself, so the name cannot drift');
        return [];
      }
      return [{ eval_time: at, alertname, exp_alerts: firing.map((expected) => this.expectedAlert(test, file, analyzed, expected, at)) }];
    });
  }

  private valueTests(test: RuleTest, file: string): YamlValue[] {
    return test.values.map(({ at, expr, samples, ...given }) => {
      // A recording rule given by object, or by its name as the whole expression.
      const recording = given.recording ?? (this.recordings.has(expr) ? expr : undefined);
      const rules = recording === undefined ? undefined : this.recordings.get(recording);
      if (recording !== undefined && !rules) this.fail(test, file, `expects values of recording rule ${recording}, which no rule group declares`);
      return {
        expr,
        eval_time: at,
        exp_samples: samples.map((sample) => {
          if (!rules) return { labels: selectorText('', sample.labels ?? {}) || '{}', value: sample.value };
          const completed = completeRecorded(rules, test.series, sample.labels ?? {});
          this.reportLabels(test, file, `${recording} at ${at}`, completed);
          return { labels: selectorText(recording!, completed.all), value: sample.value };
        }),
      };
    });
  }

  /** promtool refuses the whole file over one series it cannot read: name the test and the series instead. */
  private checkSeriesValues(test: RuleTest, file: string): void {
    for (const { series, values } of test.series) {
      const problem = seriesValuesProblem(values);
      if (problem) this.fail(test, file, `series ${series}: values at character ${problem.at + 1}: ${problem.message}`, `${values}\n${' '.repeat(problem.at)}^\n${SERIES_NOTATION}`);
    }
  }

  compileFile(root: string, file: string, tests: readonly RuleTest[], evaluationMs: number): RuleTestFile {
    const path = testFilePath(root, file);
    const names = new Set<string>();
    for (const test of tests) {
      if (names.has(test.name)) this.fail(test, file, 'another test of this file has the same name', 'name each test by what it shows; failures are reported by name');
      names.add(test.name);
      this.checkSeriesValues(test, file);
    }
    // Only the groups the tests reach are loaded: promtool evaluates every loaded group at every step.
    const reads = tests.flatMap((t) => [...t.alerts.map((a) => a.alertname), ...t.values.flatMap((v) => namesRead(this.groups, v.expr))]);
    const groups = new Set(rulesReachedFrom(this.groups, reads).map((r) => r.group.group.name));
    const ruleFiles = [...groups].map((name) => posix.relative(posix.dirname(path), `${PROMETHEUS_RULES_DIR}/${name}.yml`)).sort();
    const document = {
      rule_files: ruleFiles,
      evaluation_interval: formatDuration(evaluationMs),
      tests: tests.map((test) => {
        const alerts = this.alertTests(test, file);
        const values = this.valueTests(test, file);
        return {
          name: test.name,
          interval: test.interval,
          input_series: test.series.map((s) => ({ series: s.series, values: s.values })),
          ...(alerts.length ? { alert_rule_test: alerts } : {}),
          ...(values.length ? { promql_expr_test: values } : {}),
        };
      }),
    };
    return { file, path, tests, reads, document };
  }
}

/**
 * A recording's labels, completed from the rules of its name that the sample's labels allow: those
 * whose own labels agree with the ones named (or all of them, when none does). Labels the remaining
 * rules disagree on are ambiguous, as they cannot be told from the name alone.
 */
function completeRecorded(rules: readonly AnalyzedRule[], inputs: RuleTest['series'], named: Readonly<Record<string, string>>): CompletedLabels {
  const completions = rules.map((rule) => ({ own: rule.rule.labels, completed: completeLabels(rule.rule.expr, rule.analysis, rule.rule.labels, inputs, named) }));
  const fitting = completions.filter(({ own, completed }) => !completed.impossible.length && Object.entries(own).every(([label, value]) => named[label] === undefined || named[label] === value));
  const candidates = fitting.length ? fitting : completions;
  // Each candidate's labels with its own taking precedence over the ones named, so a mismatch shows.
  const results = candidates.map(({ own, completed }) => ({ ...completed.all, ...own }));
  const disputed = [...new Set(results.flatMap(Object.keys))].sort().flatMap((label) => {
    const values = [...new Set(results.map((r) => r[label]))];
    return values.length > 1 ? [{ label, values: values.filter((v): v is string => v !== undefined).sort() }] : [];
  });
  const first = candidates[0]!.completed;
  return { ...first, ambiguous: [...first.ambiguous, ...disputed] };
}

/** One promtool test file per rules/*.test.ts, in file order. `rejectedSloAlerts`: the alerts of SLOs that failed validation. */
export function compileRuleTests(
  root: string,
  groups: readonly AnalyzedGroup[],
  rejectedSloAlerts: ReadonlySet<string>,
  tests: readonly Sourced<RuleTest>[],
  evaluationMs: number,
  diagnostics: Diagnostics,
): RuleTestFile[] {
  const byFile = new Map<string, RuleTest[]>();
  // Module namespaces list exports alphabetically; declaration order reads better.
  const ordered = [...tests].sort((a, b) => (a.value.source?.line ?? 0) - (b.value.source?.line ?? 0));
  for (const { value, file } of ordered) byFile.set(file, [...(byFile.get(file) ?? []), value]);
  const compiler = new TestCompiler(groups, rejectedSloAlerts, diagnostics);
  return [...byFile].map(([file, fileTests]) => compiler.compileFile(root, file, fileTests, evaluationMs));
}
