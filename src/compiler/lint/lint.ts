/**
 * Lint: what valid rules and dashboard queries still do wrong. Run by every build; findings are
 * warnings naming the file, group and rule (or dashboard and panel), the check, and the one-line
 * fix. An alert waives a check only by naming it in `waive` with the reason, so the exception is
 * reviewed where the rule is.
 */
import { LINT_CHECKS, LINT_MAX_GROUP_RULES } from '../../sdk/conventions.ts';
import type { AlertRule } from '../../sdk/rules.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Project } from '../project.ts';
import { conditionCheck, counterValueCheck, descriptionChecks, forCheck, labelValueCheck } from './alert-checks.ts';
import { counterFunctionCheck, histogramQuantileCheck, rangeCheck, regexCheck, vectorMatchingCheck } from './expression-checks.ts';
import type { ExpressionCheck, LintContext, LintFinding, RuleCheck } from './finding.ts';
import { groupEvaluationMs, projectIntervals } from './intervals.ts';

const RULE_CHECKS: readonly RuleCheck[] = [conditionCheck, labelValueCheck, counterValueCheck, descriptionChecks, forCheck];
const EXPRESSION_CHECKS: readonly ExpressionCheck[] = [counterFunctionCheck, histogramQuantileCheck, rangeCheck, regexCheck, vectorMatchingCheck];

/** Checks every panel query of the project's dashboards as a rule's expression is checked. */
function lintDashboards(project: Project, context: LintContext, diagnostics: Diagnostics): void {
  for (const { source, subject, expr, analysis } of project.panelQueries) {
    for (const finding of EXPRESSION_CHECKS.flatMap((check) => check({ expr, analysis }, context))) report(diagnostics, source, subject, finding);
  }
}

function report(diagnostics: Diagnostics, source: Parameters<Diagnostics['warn']>[0], subject: string, finding: LintFinding): void {
  diagnostics.warn(source, subject, `${finding.message} [${finding.check}]`, finding.fix);
}

/** The findings an alert's waivers do not cover, plus one for each waiver without a reason. */
function unwaived(rule: AlertRule, findings: readonly LintFinding[]): LintFinding[] {
  const out: LintFinding[] = [];
  for (const [check, reason] of Object.entries(rule.waive)) {
    if (!(LINT_CHECKS as readonly string[]).includes(check)) {
      out.push({ check: check as LintFinding['check'], message: `waives "${check}", which is no lint check`, fix: `waive one of: ${LINT_CHECKS.join(', ')}` });
    } else if (typeof reason !== 'string' || reason.trim() === '') {
      out.push({ check: check as LintFinding['check'], message: `waives ${check} without a reason`, fix: `write why this rule may fail the check: waive: { '${check}': '<reason>' }` });
    }
  }
  const waived = (f: LintFinding) => typeof rule.waive[f.check] === 'string' && rule.waive[f.check]!.trim() !== '';
  return [...out, ...findings.filter((f) => !waived(f))];
}

export function lintProject(project: Project, diagnostics: Diagnostics): void {
  const intervals = projectIntervals(project.modules);
  const recordings = new Set(project.groups.flatMap((g) => g.rules.filter((r) => r.rule.kind === 'recording').map((r) => r.rule.name)));
  for (const group of project.groups) {
    const groupSource = group.group.source ?? { file: group.file, line: 1 };
    const groupSubject = `group "${group.group.name}"`;
    if (group.rules.length > LINT_MAX_GROUP_RULES) {
      report(diagnostics, groupSource, groupSubject, {
        check: 'group-size',
        message: `has ${group.rules.length} rules, more than ${LINT_MAX_GROUP_RULES}`,
        fix: 'split it by concern into groups evaluated on their own',
      });
    }
    const context = { evaluationMs: groupEvaluationMs(group.group.interval, intervals), scrapeMs: intervals.scrapeMs, recordings };
    for (const analyzed of group.rules) {
      const { rule } = analyzed;
      const findings = [...RULE_CHECKS.flatMap((check) => check(analyzed, context)), ...EXPRESSION_CHECKS.flatMap((check) => check({ expr: rule.expr, analysis: analyzed.analysis }, context))];
      const subject = `${groupSubject} ${rule.kind === 'alert' ? 'alert' : 'recording rule'} "${rule.name}"`;
      for (const finding of rule.kind === 'alert' ? unwaived(rule, findings) : findings) report(diagnostics, rule.source ?? groupSource, subject, finding);
    }
  }
  lintDashboards(project, { evaluationMs: intervals.evaluationMs, scrapeMs: intervals.scrapeMs, recordings }, diagnostics);
}
