/**
 * The validated model the emitters work from: what was loaded, checked and analyzed. Each part of
 * the compiler adds the objects of its kind here; emitters never see raw modules.
 */
import type { Metric } from '../sdk/catalog.ts';
import type { Dashboard } from '../sdk/dashboard/dashboard.ts';
import type { AlertRule, RecordingRule, RuleGroup } from '../sdk/rules.ts';
import type { AnalyzedPanelQuery } from './dashboard/validate.ts';
import type { LoadedModule, Sourced } from './load.ts';
import type { NotifyModel } from './notify/compile-notify.ts';
import type { RuleTestFile } from './rule-tests/compile.ts';
import type { Analysis } from './promql/analyze.ts';
import type { SeriesCatalog } from './series-catalog.ts';

export interface AnalyzedRule<R extends AlertRule | RecordingRule = AlertRule | RecordingRule> {
  readonly rule: R;
  /** The expression's analysis: labels it keeps, selectors it reads. */
  readonly analysis: Analysis;
}

export interface AnalyzedGroup {
  readonly group: RuleGroup;
  /** The file that exports the group. */
  readonly file: string;
  readonly rules: readonly AnalyzedRule[];
}

export interface Project {
  /** Absolute path of the project root. */
  readonly root: string;
  readonly modules: readonly LoadedModule[];
  readonly metrics: readonly Sourced<Metric>[];
  readonly groups: readonly AnalyzedGroup[];
  readonly series: SeriesCatalog;
  /** The routing, when the project exports a notifyConfig. */
  readonly notify: NotifyModel | undefined;
  /** The promtool test files compiled from rules/*.test.ts. */
  readonly ruleTests: readonly RuleTestFile[];
  readonly dashboards: readonly Sourced<Dashboard>[];
  /** Their panel queries that parsed, as validation analyzed them. */
  readonly panelQueries: readonly AnalyzedPanelQuery[];
  /** The dashboard derived from the rules (each alert against its threshold); undefined without alerts. */
  readonly rulesDashboard: Dashboard | undefined;
}

/** The alerting rules of a project with their groups, in source order. */
export function alertsOf(project: Project): { group: AnalyzedGroup; alert: AnalyzedRule<AlertRule> }[] {
  return project.groups.flatMap((group) =>
    group.rules.filter((r): r is AnalyzedRule<AlertRule> => r.rule.kind === 'alert').map((alert) => ({ group, alert })),
  );
}
