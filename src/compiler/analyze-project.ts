/**
 * From the loaded modules to the validated project: the catalog, SLOs, rule groups and their
 * expressions, routing, rule tests and dashboards, each checked as it is collected, and nothing
 * declared left out unsaid.
 */
import { relative } from 'node:path';
import type { Metric } from '../sdk/catalog.ts';
import type { Dashboard } from '../sdk/dashboard/dashboard.ts';
import type { RuleTest, TestPolicy } from '../sdk/rule-test.ts';
import type { RuleGroup } from '../sdk/rules.ts';
import type { Slo } from '../sdk/slo.ts';
import { rulesDashboard as derivedRulesDashboard } from './dashboard/rules-dashboard.ts';
import { validateDashboards } from './dashboard/validate.ts';
import type { Diagnostics } from './diagnostics.ts';
import { isPrometheusConfig, projectIntervals } from './lint/intervals.ts';
import { collect, isKind, type LoadedModule } from './load.ts';
import { compileNotify } from './notify/compile-notify.ts';
import type { Project } from './project.ts';
import { compileRuleTests } from './rule-tests/compile.ts';
import { enforceTestPolicy, untestedRules } from './rule-tests/coverage.ts';
import { SeriesCatalog } from './series-catalog.ts';
import { compileSlos } from './slo/compile.ts';
import { checkUnexported } from './unexported.ts';
import { validateCatalog } from './validate/catalog.ts';
import { validateRules } from './validate/rules.ts';

const isMetric = isKind<Metric>('metric');
const isRuleGroup = isKind<RuleGroup>('rule-group');
const isSlo = isKind<Slo>('slo');
const isRuleTest = isKind<RuleTest>('rule-test');
const isTestPolicy = isKind<TestPolicy>('test-policy');
const isDashboard = isKind<Dashboard>('dashboard');

export async function analyzeProject(root: string, modules: readonly LoadedModule[], diagnostics: Diagnostics): Promise<Project> {
  checkUnexported(root, modules, diagnostics);
  const metrics = collect(modules, isMetric);
  validateCatalog(root, metrics, diagnostics);
  const series = new SeriesCatalog(metrics.map((m) => m.value));
  // SLOs become rule groups of the file that declares them, validated and emitted like any other.
  const ruleGroups = collect(modules, isRuleGroup);
  const slos = compileSlos(root, collect(modules, isSlo), ruleGroups, series, diagnostics);
  // Without a prometheusConfig the labels Prometheus adds are unknown, and not checked.
  const prometheus = collect(modules, isPrometheusConfig)[0];
  const external = prometheus && { labels: prometheus.value.externalLabels ?? {}, where: relative(root, prometheus.file) };
  const groups = validateRules(root, [...ruleGroups, ...slos.groups], series, external, diagnostics);
  const notify = await compileNotify(root, modules, groups, external?.labels ?? {}, diagnostics);
  const ruleTests = compileRuleTests(root, groups, slos.rejectedAlerts, collect(modules, isRuleTest), projectIntervals(modules).evaluationMs, diagnostics);
  enforceTestPolicy(root, untestedRules(groups, ruleTests), collect(modules, isTestPolicy), diagnostics);
  const dashboards = collect(modules, isDashboard);
  const rulesDashboard = derivedRulesDashboard(groups, diagnostics);
  const panelQueries = validateDashboards(dashboards, rulesDashboard, series, diagnostics);
  return { root, modules, metrics, groups, series, notify, dashboards, panelQueries, rulesDashboard, ruleTests };
}
