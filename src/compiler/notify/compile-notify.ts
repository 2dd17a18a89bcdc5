/**
 * The notify part of the build: finds the project's notifyConfig, resolves it into the notifier
 * config, validates that against the runtime's own schema, checks that every alert reaches
 * someone, and that no secret is written literally anywhere in the sources.
 */
import type { EscalationPolicy, NotifyConfig, Receiver, TimeInterval } from '../../sdk/notify/index.ts';
import type { NotifierConfig, notifierConfigSchema } from '../../runtime/config/schema.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { Diagnostics } from '../diagnostics.ts';
import { collect, isKind, type LoadedModule } from '../load.ts';
import type { AnalyzedGroup } from '../project.ts';
import { checkReachability, staticLabels } from './reachability.ts';
import { resolveNotify, routeSubject, type ResolvedNotify } from './resolve.ts';
import { alertLabels, checkRoutingLabels } from './routing-labels.ts';
import { checkChannelSecrets, scanForSecrets } from './secrets.ts';
import { loneSurrogateMessage, loneSurrogates } from '../../runtime/config/lone-surrogates.ts';

export interface NotifyModel extends ResolvedNotify {
  /** The config after the runtime's validation and defaults: what the notifier will run. */
  readonly parsed: NotifierConfig;
  /** The file that exports the notifyConfig. */
  readonly file: string;
  /** The runtime's schema the config passed, for notifier.schema.json. */
  readonly schema: typeof notifierConfigSchema;
  /** What the prometheusConfig adds to every alert: routing is described with them. */
  readonly externalLabels: Readonly<Record<string, string>>;
}

const isNamed = (value: unknown): value is Receiver | EscalationPolicy | TimeInterval =>
  isKind<Receiver>('receiver')(value) || isKind<EscalationPolicy>('escalation-policy')(value) || isKind<TimeInterval>('time-interval')(value);

/** `externalLabels`: those the prometheusConfig declares, which Prometheus adds to every alert it sends. */
export async function compileNotify(
  root: string,
  modules: readonly LoadedModule[],
  groups: readonly AnalyzedGroup[],
  externalLabels: Readonly<Record<string, string>>,
  diagnostics: Diagnostics,
): Promise<NotifyModel | undefined> {
  await scanForSecrets(root, modules, diagnostics);
  const configs = collect(modules, isKind<NotifyConfig>('notify-config'));
  const alerts = groups.flatMap((g) =>
    g.rules.flatMap((r) => (r.rule.kind === 'alert' ? [{ group: g.group.name, alert: r.rule, analysis: r.analysis, labels: staticLabels(r.rule, externalLabels, r.analysis.labels) }] : [])),
  );
  if (configs.length === 0) {
    // Every alert must reach a receiver; without a notifyConfig none does. A project without alerts
    // (dashboards, recording rules only) needs no routing.
    if (alerts.length) {
      const first = alerts[0]!;
      diagnostics.error(
        first.alert.source,
        'notify',
        `no notifyConfig is exported, so the project's ${alerts.length} alert${alerts.length > 1 ? 's' : ''} (group "${first.group}" alert "${first.alert.name}"${alerts.length > 1 ? ', ...' : ''}) reach no receiver, and no notifier or Alertmanager config is written`,
        "export one from rules/notify.ts: export const notify = notifyConfig({ route: route({ receiver: someReceiver }) })",
      );
    }
    return undefined;
  }
  if (configs.length > 1) {
    for (const extra of configs.slice(1)) diagnostics.error(extra.value.source, 'notifyConfig', `is exported twice (first by ${configs[0]!.file})`, 'a project has one routing tree; merge them');
  }
  const { value: notify, file } = configs[0]!;
  const errorsBefore = diagnostics.errors.length;
  const resolved = resolveNotify(notify, collect(modules, isNamed).map((s) => s.value), root, diagnostics);
  checkChannelSecrets(resolved.receivers.values(), diagnostics);
  // The schema would only repeat, less clearly, what the checks above reported.
  if (diagnostics.errors.length > errorsBefore) return undefined;
  // Loaded only for a project with routing: the schema and zod under it take a tenth of a second.
  const { notifierConfigSchema: schema } = await import('../../runtime/config/schema.ts');
  for (const surrogate of loneSurrogates(resolved.config)) {
    const { source, subject } = schemaIssueOwner(resolved, surrogate.path, notify);
    diagnostics.error(source, subject, `${surrogate.path.join('.')} ${loneSurrogateMessage(surrogate)}`);
  }
  const parsed = schema.safeParse(resolved.config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { source, subject } = schemaIssueOwner(resolved, issue.path, notify);
      diagnostics.error(source, subject, `${issue.path.join('.')}: ${issue.message}`, 'see generated/notifier/notifier.schema.json for the format');
    }
  }
  if (diagnostics.errors.length > errorsBefore || !parsed.success) return undefined;
  checkReachability(parsed.data, alerts, diagnostics);
  checkRoutingLabels(parsed.data, notify.route, notify.inhibitions ?? [], alerts.map((a) => alertLabels(a.labels, a.analysis)), diagnostics);
  return { ...resolved, parsed: parsed.data, file, schema, externalLabels };
}

/** The receiver, policy or route a schema issue is about, so the message points at its declaration. */
function schemaIssueOwner(resolved: ResolvedNotify, path: readonly PropertyKey[], notify: NotifyConfig): { source: SourceLocation | undefined; subject: string } {
  const [list, index] = path;
  if (list === 'route') {
    // route.routes.2.routes.0.group_by.1: follow the routes down the SDK's tree, which has the sources.
    let route = notify.route;
    for (let i = 1; path[i] === 'routes' && typeof path[i + 1] === 'number' && route.routes?.[path[i + 1] as number]; i += 2) route = route.routes[path[i + 1] as number]!;
    return { source: route.source ?? notify.source, subject: routeSubject(route, route === notify.route) };
  }
  if (list === 'receivers' && typeof index === 'number') {
    const name = resolved.config.receivers[index]?.name ?? '';
    return { source: resolved.receivers.get(name)?.source ?? notify.source, subject: `receiver ${JSON.stringify(name)}` };
  }
  if (list === 'escalation_policies' && typeof index === 'number') {
    const name = resolved.config.escalation_policies?.[index]?.name ?? '';
    return { source: resolved.policies.get(name)?.source ?? notify.source, subject: `escalation policy ${JSON.stringify(name)}` };
  }
  return { source: notify.source, subject: 'notifyConfig' };
}
