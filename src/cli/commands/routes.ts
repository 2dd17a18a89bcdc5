import { compile } from '../../compiler/build.ts';
import { receiverText, stepWhen } from '../../compiler/notify/describe-routing.ts';
import { describePath, receiversOf, staticLabels } from '../../compiler/notify/reachability.ts';
import { closest } from '../../runtime/config/closest.ts';
import { alertsOf } from '../../compiler/project.ts';
import { formatMatcher, matchRoutes, type MatchedRoute } from '../../runtime/config/route-match.ts';
import type { EscalationPolicy, NotifierConfig, Route } from '../../runtime/config/schema.ts';
import { MATCHER_TEXT, unquoteMatcherValue } from '../../runtime/config/matcher-syntax.ts';
import { putLabel } from '../../runtime/model/labels.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { projectRoot } from '../project-root.ts';
import { reportCompile } from '../report.ts';

/** ` (the chain runs 3 times)`, or nothing for a policy that runs once. */
function repeatText(policy: EscalationPolicy | undefined): string {
  return policy && policy.repeat > 1 ? ` (the chain runs ${policy.repeat} times)` : '';
}

function matchDetails(config: NotifierConfig, match: MatchedRoute): string[] {
  const lines = [`route: ${describePath(match)}`];
  if (match.escalation) {
    const policy = config.escalation_policies.find((p) => p.name === match.escalation);
    lines.push(`  escalation ${match.escalation}${repeatText(policy)}:`);
    for (const step of policy?.steps ?? []) {
      lines.push(`    ${stepWhen(step.after)}: ${step.receivers.map((r) => receiverText(config, r)).join(', ')}`);
    }
  } else {
    lines.push(`  receiver: ${receiverText(config, match.receiver ?? '(none)')}`);
  }
  const groupBy = match.groupBy === 'all' ? 'every label' : match.groupBy.join(', ') || '(nothing: one group)';
  lines.push(`  group by ${groupBy}; group_wait ${match.groupWait}, group_interval ${match.groupInterval}, repeat_interval ${match.repeatInterval}`);
  if (match.muteTimeIntervals.length) lines.push(`  muted during: ${match.muteTimeIntervals.join(', ')}`);
  if (match.activeTimeIntervals.length) lines.push(`  active only during: ${match.activeTimeIntervals.join(', ')}`);
  return lines;
}

function routeLine(route: Route, depth: number, flags: readonly string[]): string {
  const label = depth === 0 ? `${route.name ?? 'root'}` : `${route.name ? `${route.name} ` : ''}{${route.matchers.map(formatMatcher).join(', ')}}`;
  const shown = flags.filter(Boolean).join('  ');
  return `${'  '.repeat(depth)}${depth ? '└── ' : ''}${label}${shown ? `  ${shown}` : ''}`;
}

function treeLines(route: Route, depth: number): string[] {
  const target = route.escalation ? `escalation: ${route.escalation}` : route.receiver ? `receiver: ${route.receiver}` : '';
  return [routeLine(route, depth, [route.continue ? 'continue: true' : '', target]), ...route.routes.flatMap((child) => treeLines(child, depth + 1))];
}

/**
 * The routes these matches take, as amtool's `--tree` prints them: each route on the way bare, the
 * one that matches last with the receiver or escalation it resolves to, and under an escalation
 * its steps (amtool, which sees them as routes of their own, would print each as a route).
 */
function matchingTreeLines(config: NotifierConfig, matches: readonly MatchedRoute[]): string[] {
  const lines: string[] = [];
  let previous: readonly Route[] = [];
  // Matches come in tree order and share the routes they pass through: each prints what the one before did not.
  for (const match of matches) {
    const depth = match.path.length - 1;
    const shared = match.path.findIndex((route, i) => route !== previous[i]);
    for (let i = shared; i < depth; i++) lines.push(routeLine(match.path[i]!, i, []));
    const policy = config.escalation_policies.find((p) => p.name === match.escalation);
    const target = match.escalation ? `escalation: ${match.escalation}${repeatText(policy)}` : `receiver: ${match.receiver ?? '(none)'}`;
    lines.push(routeLine(match.path[depth]!, depth, [target]));
    const stepIndent = `${'  '.repeat(depth)}${depth ? '    ' : ''}  `;
    for (const step of policy?.steps ?? []) lines.push(`${stepIndent}${stepWhen(step.after)}: ${step.receivers.join(', ')}`);
    previous = match.path;
  }
  return lines;
}

/** Labels as amtool 0.25 reads them: its matcher syntax, so that an operator other than = is refused rather than read into the value. */
function parseLabels(args: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const arg of args) {
    const match = MATCHER_TEXT.exec(arg);
    if (!match) throw new UsageError(`"${arg}" is not label=value`);
    if (match[2] !== '=') throw new UsageError(`"${arg}": labels must be specified as key=value pairs, not matchers`);
    const value = unquoteMatcherValue(match[3]!);
    if (value === undefined) throw new UsageError(`"${arg}": the value contains an unescaped double quote`);
    putLabel(labels, match[1]!, value);
  }
  return labels;
}

export const routesCommand: Command = {
  name: 'routes',
  summary: 'show where an alert goes: matching routes, receivers and escalation steps',
  help: `Usage: alertforge routes test [--tree] [--alert NAME] [--root DIR] [label=value ...]
       alertforge routes test --tree [--root DIR]

Routes a label set through the project's routing tree (rules/notify.ts) with Alertmanager's
semantics and prints the receivers, comma-separated, as \`amtool config routes test\` does, then
each matching route with its receiver or escalation steps and grouping. Labels are read as amtool
reads them: label=value or label="value" with \\" \\\\ \\n escapes.

Options:
  --alert NAME   start from the labels of the alert rule NAME (its labels, severity, alertname,
                 and the external labels Prometheus adds);
                 label=value arguments add to or override them
  --tree         with labels or --alert, print the routes they match as a tree, as amtool's
                 --tree does (each matching route with its receiver or escalation steps), then
                 the receivers line; without, print the whole routing tree
  --root DIR     project root (default: the nearest folder from here up
                 with package.json and rules/)
  -h, --help     this help

Exit codes: 0 success, 1 the project has errors or no routing, 2 misuse.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { alert: { type: 'string' }, tree: { type: 'boolean' }, root: { type: 'string' } }, true);
    const [sub, ...labelArgs] = positionals;
    if (sub !== 'test') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand: routes test');
    const labels = parseLabels(labelArgs);
    const root = projectRoot(io.cwd, values.root);
    const result = await compile(root, { typecheck: false });
    const project = result.project;
    if (!project || result.diagnostics.errors.length) {
      reportCompile(result, root, io);
      return EXIT.finding;
    }
    if (!project.notify) {
      io.err('routes: the project exports no notifyConfig (rules/notify.ts), so there is nothing to route through.\n');
      return EXIT.finding;
    }
    const config = project.notify.parsed;
    // amtool routes the empty label set here; with nothing to route, the whole tree says more.
    if (values.tree && !labelArgs.length && !values.alert) {
      io.out(`Routing tree:\n${treeLines(config.route, 0).join('\n')}\n`);
      return EXIT.ok;
    }
    if (values.alert) {
      const alerts = alertsOf(project).map((a) => a.alert);
      const alert = alerts.find((a) => a.rule.name === values.alert);
      if (!alert) {
        const suggestion = closest(values.alert, alerts.map((a) => a.rule.name));
        throw new UsageError(`no alert rule is named "${values.alert}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
      }
      Object.assign(labels, { ...staticLabels(alert.rule, project.notify.externalLabels, alert.analysis.labels), ...labels });
    }
    const matches = matchRoutes(config.route, labels);
    const receivers = matches.flatMap((m) => receiversOf(config, m)).join(',');
    if (values.tree) {
      io.out(`Matching routes:\n${matchingTreeLines(config, matches).join('\n')}\n\n${receivers}\n`);
      return EXIT.ok;
    }
    io.out(`${receivers}\n`);
    io.out(`${matches.flatMap((m) => matchDetails(config, m)).join('\n')}\n`);
    return EXIT.ok;
  },
};
