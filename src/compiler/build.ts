/**
 * The compiler's one entry point: type-check (in parallel), load, validate, analyze, emit. Writing
 * and drift checks are the caller's choice, so `build`, `build --check` and `check` share it.
 */
import { relative } from 'node:path';
import type { Metric } from '../sdk/catalog.ts';
import type { RuleTest, TestPolicy } from '../sdk/rule-test.ts';
import type { RuleGroup } from '../sdk/rules.ts';
import type { Dashboard } from '../sdk/dashboard/dashboard.ts';
import type { Slo } from '../sdk/slo.ts';
import { rulesDashboard as derivedRulesDashboard } from './dashboard/rules-dashboard.ts';
import { validateDashboards } from './dashboard/validate.ts';
import { Diagnostics } from './diagnostics.ts';
import { EMITTERS } from './emit/index.ts';
import type { GeneratedFile } from './emit/generated-file.ts';
import { projectIntervals } from './lint/intervals.ts';
import { lintProject } from './lint/lint.ts';
import { collect, findSources, isKind, LoadError, loadModules } from './load.ts';
import { compileNotify } from './notify/compile-notify.ts';
import type { Project } from './project.ts';
import { SeriesCatalog } from './series-catalog.ts';
import { compileRuleTests } from './rule-tests/compile.ts';
import { enforceTestPolicy, untestedRules } from './rule-tests/coverage.ts';
import { findRuleTests } from './rule-tests/find.ts';
import { sloRuleGroup } from './slo/rules.ts';
import { validateSlos } from './slo/validate.ts';
import { typecheck, type TypecheckResult } from './typecheck.ts';
import { validateCatalog } from './validate/catalog.ts';
import { validateRules } from './validate/rules.ts';

export interface CompileOptions {
  /** Run tsc over the sources. Default true. */
  readonly typecheck?: boolean;
}

export interface CompileResult {
  readonly diagnostics: Diagnostics;
  /** tsc's result, when it ran. */
  readonly types: TypecheckResult | undefined;
  /** The validated project; undefined when a module could not be loaded. */
  readonly project: Project | undefined;
  /** What the emitters produced; empty when there were errors. */
  readonly files: readonly GeneratedFile[];
}

const isMetric = isKind<Metric>('metric');
const isRuleGroup = isKind<RuleGroup>('rule-group');
const isSlo = isKind<Slo>('slo');
const isRuleTest = isKind<RuleTest>('rule-test');
const isTestPolicy = isKind<TestPolicy>('test-policy');
const isDashboard = isKind<Dashboard>('dashboard');

/** Loads and validates the project at `root`, without emitting. */
export async function loadProject(root: string, diagnostics: Diagnostics): Promise<Project | undefined> {
  let modules;
  try {
    // Rule tests load with the sources, in one bundle, so they see the very rules they test.
    modules = await loadModules([...(await findSources(root)), ...(await findRuleTests(root))], root);
  } catch (error) {
    if (!(error instanceof LoadError)) throw error;
    const cause = error.cause instanceof Error ? error.cause : new Error(String(error.cause));
    diagnostics.error({ file: error.file, line: error.line ?? 1 }, `module ${relative(root, error.file) || '.'}`, `failed to load: ${cause.message}`);
    return undefined;
  }
  const metrics = collect(modules, isMetric);
  validateCatalog(root, metrics, diagnostics);
  const series = new SeriesCatalog(metrics.map((m) => m.value));
  // SLOs become rule groups of the file that declares them, validated and emitted like any other.
  const sloGroups = validateSlos(collect(modules, isSlo), diagnostics).map(({ value, file }) => ({ value: sloRuleGroup(value), file }));
  const groups = validateRules(root, [...collect(modules, isRuleGroup), ...sloGroups], series, diagnostics);
  const notify = await compileNotify(root, modules, groups, diagnostics);
  const ruleTests = compileRuleTests(root, groups, collect(modules, isRuleTest), projectIntervals(modules).evaluationMs, diagnostics);
  enforceTestPolicy(root, untestedRules(groups, ruleTests), collect(modules, isTestPolicy), diagnostics);
  const dashboards = collect(modules, isDashboard);
  const rulesDashboard = derivedRulesDashboard(groups, diagnostics);
  validateDashboards(dashboards, series, diagnostics);
  return { root, modules, metrics, groups, series, notify, dashboards, rulesDashboard, ruleTests };
}

export async function compile(root: string, options: CompileOptions = {}): Promise<CompileResult> {
  const types = options.typecheck === false ? undefined : typecheck(root);
  const diagnostics = new Diagnostics();
  const project = await loadProject(root, diagnostics);
  if (project) lintProject(project, diagnostics);
  const files = project && diagnostics.errors.length === 0 ? EMITTERS.flatMap((emit) => emit(project)) : [];
  return { diagnostics, types: await types, project, files };
}

/** True when the build may write: no type errors and no error diagnostics. */
export function succeeded(result: CompileResult): boolean {
  return result.diagnostics.errors.length === 0 && (result.types?.ok ?? true) && result.project !== undefined;
}
