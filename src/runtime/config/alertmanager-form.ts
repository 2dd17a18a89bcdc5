/**
 * The notifier's config in Alertmanager's form (0.25 and later): generated/alertmanager/alertmanager.yml
 * for teams that run Alertmanager, and what GET /api/v2/status shows as the config, so that
 * `amtool config routes` and Grafana's Alertmanager data source can read it. What Alertmanager
 * cannot express is approximated and said in a comment: escalation steps become catch-all child
 * routes whose group_wait is the route's plus the step's delay (acknowledgement cannot stop them:
 * silence instead), rate limits and digests are dropped. Secrets become *_file fields under
 * ALERTMANAGER_SECRETS_DIR, one file per environment variable.
 */
import { isIPv6 } from 'node:net';
import { ALERTMANAGER_SECRETS_DIR } from '../../sdk/conventions.ts';
import { formatDuration, MAX_DURATION_MS, parseDuration } from '../../sdk/duration.ts';
import type { Channel, EscalationPolicy, NotifierConfig, Receiver, Route } from './schema.ts';
import { alertmanagerMatcher, ROUTE_DEFAULTS } from './route-match.ts';

/** A value of the document: what YAML writes (an undefined field is left out). */
export type FormValue = string | number | boolean | undefined | readonly FormValue[] | { readonly [key: string]: FormValue };

/** Our placeholders as Alertmanager's Go template data. */
const GO_TEMPLATE: Readonly<Record<string, string>> = {
  status: '{{ .Status }}',
  receiver: '{{ .Receiver }}',
  groupKey: '{{ .GroupLabels }}',
  alertCount: '{{ len .Alerts }}',
  firingCount: '{{ len .Alerts.Firing }}',
  resolvedCount: '{{ len .Alerts.Resolved }}',
  alerts: '{{ range .Alerts }}[{{ .Status }}] {{ .Labels.alertname }} {{ .Annotations.summary }}\n{{ end }}',
  escalationStep: '',
  externalURL: '{{ .ExternalURL }}',
  'links.ack': '{{ .ExternalURL }}',
  'links.source': '{{ (index .Alerts 0).GeneratorURL }}',
  'links.runbook': '{{ .CommonAnnotations.runbook_url }}',
  'links.silence': '{{ .ExternalURL }}/#/silences',
};

function toGoTemplate(template: string): string {
  return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_all, name: string) => {
    const dot = name.indexOf('.');
    const head = dot < 0 ? name : name.slice(0, dot);
    if (['groupLabels', 'commonLabels', 'commonAnnotations'].includes(head)) {
      return `{{ .${head[0]!.toUpperCase()}${head.slice(1)}.${name.slice(dot + 1)} }}`;
    }
    return GO_TEMPLATE[name] ?? '';
  });
}

const secretFile = (env: string) => `${ALERTMANAGER_SECRETS_DIR}/${env}`;

function channelConfig(channel: Channel): [string, FormValue] {
  const title = channel.template?.title ? toGoTemplate(channel.template.title) : undefined;
  const body = channel.template?.body ? toGoTemplate(channel.template.body) : undefined;
  switch (channel.type) {
    case 'email':
      return [
        'email_configs',
        {
          to: channel.to.join(', '),
          from: channel.from,
          smarthost: `${isIPv6(channel.smarthost.host) ? `[${channel.smarthost.host}]` : channel.smarthost.host}:${channel.smarthost.port}`,
          // On 465 Alertmanager 0.25 takes TLS from the start and then would still ask for STARTTLS, which no server offers there.
          require_tls: channel.tls !== 'none' && channel.smarthost.port !== IMPLICIT_TLS_PORT,
          auth_username: channel.username,
          auth_password_file: channel.password ? secretFile(channel.password.env) : undefined,
          send_resolved: channel.send_resolved,
          headers: title ? { Subject: title } : undefined,
          text: body,
        },
      ];
    case 'slack':
      return ['slack_configs', { api_url_file: secretFile(channel.webhook_url.env), channel: channel.channel, username: channel.username, icon_emoji: channel.icon_emoji, icon_url: channel.icon_url, send_resolved: channel.send_resolved, title, text: body }];
    case 'webhook':
      return [
        'webhook_configs',
        {
          // Alertmanager 0.25 has no url_file: a secret URL must be filled in at deploy time.
          url: typeof channel.url === 'string' ? channel.url : `http://replace-with-${channel.url.env.toLowerCase().replace(/_/g, '-')}.invalid/`,
          max_alerts: channel.max_alerts,
          send_resolved: channel.send_resolved,
          http_config: channel.bearer_token ? { authorization: { credentials_file: secretFile(channel.bearer_token.env) } } : undefined,
        },
      ];
  }
}

function receiverConfig(name: string, channels: readonly Channel[]): FormValue {
  const out: Record<string, FormValue[]> = {};
  for (const channel of channels) {
    const [key, value] = channelConfig(channel);
    (out[key] ??= []).push(value);
  }
  return { name, ...out };
}

/** What a route inherits from its ancestors that the Alertmanager translation needs. */
interface Inherited {
  readonly escalation: string | undefined;
  readonly groupWait: string;
}

function routeConfig(route: Route, config: NotifierConfig, inherited: Inherited, comments: string[]): FormValue {
  const ownTarget = route.receiver !== undefined || route.escalation !== undefined;
  const here: Inherited = {
    escalation: ownTarget ? route.escalation : inherited.escalation,
    groupWait: route.group_wait ?? inherited.groupWait,
  };
  const intervals = {
    mute_time_intervals: route.mute_time_intervals.length ? route.mute_time_intervals : undefined,
    active_time_intervals: route.active_time_intervals.length ? route.active_time_intervals : undefined,
  };
  const children = route.routes.map((child) => routeConfig(child, config, here, comments));
  const own = {
    receiver: route.escalation ? firstReceiver(config, route.escalation) : route.receiver,
    matchers: route.matchers.length ? route.matchers.map(alertmanagerMatcher) : undefined,
    group_by: route.group_by,
    group_wait: route.group_wait,
    group_interval: route.group_interval,
    repeat_interval: route.repeat_interval,
    ...intervals,
    continue: route.continue || undefined,
  };
  // A route that escalates (its own policy, or its parent's when it names no receiver) ends in one
  // catch-all child per step and receiver, all continuing, so each tier gets its own group_wait.
  // Time intervals are not inherited in Alertmanager, so the steps repeat the route's own.
  const steps = here.escalation ? escalationSteps(config, here.escalation, here.groupWait, intervals, comments) : [];
  const routes = [...children, ...steps];
  return { ...own, routes: routes.length ? routes : undefined };
}

function policyOf(config: NotifierConfig, name: string): EscalationPolicy {
  return config.escalation_policies.find((p) => p.name === name)!;
}

function firstReceiver(config: NotifierConfig, policy: string): string {
  return policyOf(config, policy).steps[0]!.receivers[0]!;
}

/**
 * The receivers Alertmanager lists for an alert routed to this policy, one a step's child route
 * (see escalationSteps): the API's `receivers` and alert groups name these, so that a query for a
 * receiver (`amtool alert query --receiver`) finds what escalates to it.
 */
export function escalationRouteReceivers(policy: EscalationPolicy): string[] {
  return policy.steps.flatMap((step) => step.receivers);
}

/**
 * The notifier counts a step's delay from the group's first message, sent after group_wait. The sum
 * of two long ones can pass what Go's Duration holds; both mean never, so it is cut to the longest.
 */
function escalationSteps(config: NotifierConfig, name: string, groupWait: string, intervals: Record<string, FormValue>, comments: string[]): FormValue[] {
  const policy = policyOf(config, name);
  comments.push(escalationComment(policy));
  const wait = parseDuration(groupWait) ?? 0;
  return policy.steps.flatMap((step) =>
    step.receivers.map((receiver) => ({ receiver, group_wait: formatDuration(Math.min(wait + (parseDuration(step.after) ?? 0), Math.floor(MAX_DURATION_MS))), ...intervals, continue: true })),
  );
}

function escalationComment(policy: EscalationPolicy): string {
  const steps = policy.steps.map((s) => `${s.receivers.join(' + ')} after ${s.after}`).join(', then ');
  return `# escalation ${JSON.stringify(policy.name)}: ${steps}${policy.repeat > 1 ? `, repeated ${policy.repeat} times` : ''}. Alertmanager has no escalation: each step is a catch-all child route whose group_wait is the route's group_wait plus the step's delay, so later tiers are told after the delay even if someone has already acknowledged (silence the alert to stop them), and instead of the chain repeating every tier is re-notified each repeat_interval.`;
}

/** The port Alertmanager takes TLS from the start on; on any other it uses STARTTLS (require_tls) or none. */
const IMPLICIT_TLS_PORT = 465;

/** How Alertmanager would connect to an SMTP server otherwise than the notifier; undefined when alike. */
export function emailTlsDifference(tls: 'tls' | 'starttls' | 'none', port: number): string | undefined {
  if (tls === 'tls' && port !== IMPLICIT_TLS_PORT) return `email tls 'tls' on port ${port}: Alertmanager takes TLS from the start on port ${IMPLICIT_TLS_PORT} only, and would use STARTTLS`;
  if (tls !== 'tls' && port === IMPLICIT_TLS_PORT) return `email tls '${tls}' on port ${IMPLICIT_TLS_PORT}: Alertmanager takes TLS from the start on port ${IMPLICIT_TLS_PORT}, whatever tls says`;
  return undefined;
}

/** What a receiver does in the notifier that its Alertmanager translation cannot. */
function lostComment(receiver: Receiver): string | undefined {
  const secretUrls = receiver.channels.flatMap((c) => (c.type === 'webhook' && typeof c.url !== 'string' ? [c.url.env] : []));
  const lost = [
    receiver.rate_limit ? `its rate limit (${receiver.rate_limit.messages} per ${receiver.rate_limit.per}) is dropped: every message is sent` : '',
    receiver.digest ? `its digest (every ${receiver.digest.every}) is dropped: each group is sent on its own` : '',
    ...secretUrls.map((env) => `its webhook URL is the secret $${env}, and Alertmanager 0.25 has no url_file: replace the .invalid placeholder when deploying`),
    ...receiver.channels.map((c) => (c.type === 'email' ? (emailTlsDifference(c.tls, c.smarthost.port) ?? '') : '')),
  ].filter(Boolean);
  return lost.length ? `# receiver ${JSON.stringify(receiver.name)}: ${lost.join('; ')}.` : undefined;
}

/** The document, and a comment for each thing Alertmanager cannot do as the notifier does. */
export function alertmanagerForm(config: NotifierConfig): { document: FormValue; comments: string[] } {
  const comments: string[] = [];
  const route = routeConfig(config.route, config, { escalation: undefined, groupWait: ROUTE_DEFAULTS.group_wait }, comments);
  const document = {
    global: { resolve_timeout: config.global.resolve_timeout },
    route,
    receivers: config.receivers.map((r) => receiverConfig(r.name, r.channels)),
    inhibit_rules: config.inhibit_rules.map((rule) => ({ source_matchers: rule.source_matchers.map(alertmanagerMatcher), target_matchers: rule.target_matchers.map(alertmanagerMatcher), equal: rule.equal.length ? rule.equal : undefined })),
    time_intervals: config.time_intervals.length ? config.time_intervals : undefined,
  };
  for (const receiver of config.receivers) {
    const comment = lostComment(receiver);
    if (comment) comments.push(comment);
  }
  return { document: document as FormValue, comments: [...new Set(comments)] };
}
