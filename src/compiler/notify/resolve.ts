/**
 * Turns the SDK's notify objects into the notifier config (the runtime's schema), checking names,
 * durations, time intervals and templates on the way. Receivers, policies and intervals may be
 * referenced as objects or by name; names must resolve and be unique.
 */
import { isIPv6 } from 'node:net';
import { relative } from 'node:path';
import { parseDuration } from '../../sdk/duration.ts';
import type { MatcherValue } from '../../sdk/promql/selector.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { Channel, EscalationPolicy, Inhibition, NotifyConfig, Receiver, Route, TimeInterval } from '../../sdk/notify/index.ts';
import { isEnvRef, type EnvRef } from '../../sdk/notify/env.ts';
import type { AlertMatchers } from '../../sdk/notify/route.ts';
import { regexError } from '../../runtime/config/matcher-regex.ts';
import { CLOCK_TIME, dayOfMonthRange, isTimeZone, LOCAL_TIME_ZONE, monthRange, TIME_ZONE_HINT, weekdayRange, yearRange } from '../../runtime/config/time-ranges.ts';
import { LABEL_NAME } from '../../runtime/model/labels.ts';
import { DAY_MS } from '../../runtime/duration.ts';
import { GROUP_BY_ALL } from '../../runtime/config/route-match.ts';
import type { Channel as ConfigChannel, Matcher, NotifierConfigInput, Route as ConfigRoute } from '../../runtime/config/schema.ts';
import { emailTlsDifference } from '../../runtime/config/alertmanager-form.ts';
import type { Diagnostics } from '../diagnostics.ts';
import { checkDuration } from '../validate/check-duration.ts';
import { templateProblems } from './message-template.ts';

type Named = Receiver | EscalationPolicy | TimeInterval;

/** Objects of one kind by name; a second object with a taken name is reported. */
class Registry<T extends Named> {
  readonly byName = new Map<string, T>();
  private readonly used = new Set<string>();
  /** Objects already reported as taking a taken name: each use of one would report it again. */
  private readonly reported = new Set<T>();
  constructor(
    private readonly what: string,
    private readonly root: string,
    private readonly diagnostics: Diagnostics,
  ) {}

  add(item: T): void {
    const existing = this.byName.get(item.name);
    if (existing && existing !== item) {
      if (this.reported.has(item)) return;
      this.reported.add(item);
      const other = existing.source ? `${relative(this.root, existing.source.file)}:${existing.source.line}` : 'another place';
      this.diagnostics.error(item.source, `${this.what} "${item.name}"`, `is declared twice`, `the other is at ${other}; give each its own name`);
      return;
    }
    this.byName.set(item.name, item);
  }

  /** The name of a reference, reporting a name nothing declares. */
  ref(reference: T | string, source: SourceLocation | undefined, subject: string): string {
    this.used.add(typeof reference === 'string' ? reference : reference.name);
    if (typeof reference !== 'string') {
      this.add(reference);
      return reference.name;
    }
    if (!this.byName.has(reference)) {
      const known = [...this.byName.keys()].sort();
      this.diagnostics.error(source, subject, `names ${this.what} "${reference}", which is not declared`, known.length ? `declared: ${known.join(', ')}` : `declare it in rules/notify.ts`);
    }
    return reference;
  }

  /** An object nothing refers to is dead configuration, or a route someone forgot. */
  warnUnused(): void {
    for (const [name, item] of this.byName) {
      if (!this.used.has(name)) this.diagnostics.warn(item.source, `${this.what} "${name}"`, 'is declared, but nothing in the routing tree uses it', 'use it in a route of rules/notify.ts, or delete it');
    }
  }
}

/** Matchers in the config's form; a bad label name or regex is reported rather than left to fail at run time. */
function toMatchers(matchers: AlertMatchers | undefined, source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): Matcher[] {
  return Object.entries(matchers ?? {}).map(([label, value]: [string, MatcherValue]): Matcher => {
    const matcher: Matcher = typeof value === 'string' ? { label, op: '=', value } : { label, op: value.op, value: value.value };
    if (!LABEL_NAME.test(label)) diagnostics.error(source, subject, `matches on "${label}", which is not a label name`, 'label names are letters, digits and _, not starting with a digit');
    const regex = matcher.op === '=~' || matcher.op === '!~' ? regexError(matcher.value) : undefined;
    if (regex) {
      diagnostics.error(source, subject, `regex ${label}${matcher.op}${JSON.stringify(matcher.value)} does not compile: ${regex}`, 'Alertmanager uses RE2 syntax (Go\'s regexp: no lookarounds or backreferences) and anchors regexes (^...$)');
    }
    return matcher;
  });
}

function envName(ref: EnvRef | undefined): { env: string } | undefined {
  return ref ? { env: ref.env } : undefined;
}

/** `route "critical"`, `root route`, `route {"severity":"critical"}`: a route in messages. */
export function routeSubject(route: Route, isRoot: boolean): string {
  return route.name ? `route "${route.name}"` : isRoot ? 'root route' : `route ${JSON.stringify(route.match ?? {})}`;
}

export interface ResolvedNotify {
  readonly config: NotifierConfigInput;
  readonly receivers: ReadonlyMap<string, Receiver>;
  readonly policies: ReadonlyMap<string, EscalationPolicy>;
}

/** `projectRoot`: the project root, which paths in messages are relative to. */
export function resolveNotify(notify: NotifyConfig, exported: readonly Named[], projectRoot: string, diagnostics: Diagnostics): ResolvedNotify {
  const receivers = new Registry<Receiver>('receiver', projectRoot, diagnostics);
  const policies = new Registry<EscalationPolicy>('escalation policy', projectRoot, diagnostics);
  const intervals = new Registry<TimeInterval>('time interval', projectRoot, diagnostics);
  for (const item of exported) {
    if (item.kind === 'receiver') receivers.add(item);
    else if (item.kind === 'escalation-policy') policies.add(item);
    else intervals.add(item);
  }

  // Register every object the tree references first, so a name may refer to any of them.
  const register = (route: Route): void => {
    if (typeof route.receiver === 'object') receivers.add(route.receiver);
    if (typeof route.escalation === 'object') {
      policies.add(route.escalation);
      for (const step of route.escalation.steps) for (const r of step.notify) if (typeof r === 'object') receivers.add(r);
    }
    for (const interval of [...(route.muteDuring ?? []), ...(route.activeDuring ?? [])]) if (typeof interval === 'object') intervals.add(interval);
    for (const child of route.routes ?? []) register(child);
  };
  register(notify.route);

  const duration = (value: string | undefined, source: SourceLocation | undefined, subject: string, field: string): string | undefined => {
    checkDuration(value, field, source, subject, diagnostics);
    return value;
  };
  // A zero group or repeat interval would flush without pause: Alertmanager and the notifier refuse it.
  const interval = (value: string | undefined, source: SourceLocation | undefined, subject: string, field: string): string | undefined => {
    if (value !== undefined && parseDuration(value) === 0) diagnostics.error(source, subject, `${field} must be longer than 0s`, 'a group would be re-sent without pause; 5m and 4h are the usual values');
    return duration(value, source, subject, field);
  };

  const routeNames = new Set<string>();
  /** `parentEscalates`: the parent route runs an escalation policy, its own or inherited. */
  const toRoute = (route: Route, isRoot: boolean, parentEscalates: boolean): ConfigRoute => {
    const subject = routeSubject(route, isRoot);
    if (route.name) {
      if (routeNames.has(route.name)) diagnostics.error(route.source, subject, 'is declared twice', 'give each route its own name');
      routeNames.add(route.name);
    }
    // The types forbid both; a cast or plain JavaScript can still pass them.
    const target: { receiver?: unknown; escalation?: unknown } = route;
    if (target.receiver !== undefined && target.escalation !== undefined) diagnostics.error(route.source, subject, 'names both a receiver and an escalation policy', 'keep one: an escalation policy already says whom to notify');
    if (isRoot && route.receiver === undefined && route.escalation === undefined) diagnostics.error(route.source, subject, 'names no receiver or escalation policy', 'the root route is where unmatched alerts go: give it a receiver');
    if (isRoot && route.match && Object.keys(route.match).length) diagnostics.error(route.source, subject, 'has matchers', 'the root route takes every alert; move the matchers to a child route');
    // Alertmanager refuses these at the root: it takes every alert, always.
    if (isRoot && (route.continue || route.muteDuring?.length || route.activeDuring?.length)) diagnostics.error(route.source, subject, 'sets continue or time intervals', 'the root route takes every alert at all times; set them on a child route');
    if (!isRoot && route.groupBy?.length === 0) diagnostics.error(route.source, subject, 'groups by an empty list, which inherits the parent\'s labels, as Alertmanager reads it', 'leave groupBy out to inherit, or name the labels to group by');
    const repeated = route.groupBy?.filter((label, i) => route.groupBy!.indexOf(label) !== i) ?? [];
    if (repeated.length) diagnostics.error(route.source, subject, `groups by ${[...new Set(repeated)].map((l) => `"${l}"`).join(', ')} more than once`, 'list each label once: Alertmanager refuses a duplicated label in group_by');
    if (route.groupBy?.includes(GROUP_BY_ALL) && route.groupBy.length > 1) diagnostics.error(route.source, subject, `groups by '${GROUP_BY_ALL}' and other labels`, `'${GROUP_BY_ALL}' alone groups by every label; drop the others`);
    const escalates = route.escalation !== undefined || (route.receiver === undefined && parentEscalates);
    // alertmanager.yml escalates through catch-all children after the user's, which a continuing
    // child falls through to: there the parent's policy runs too, in the notifier it does not.
    if (route.continue && parentEscalates) diagnostics.warn(route.source, subject, "continues under a route that escalates: in alertmanager.yml the parent's escalation steps also match these alerts, in the notifier they do not", 'drop continue, or move the escalation onto the routes that need it');
    const out: ConfigRoute = {
      ...(route.name ? { name: route.name } : {}),
      ...(route.receiver !== undefined ? { receiver: receivers.ref(route.receiver, route.source, subject) } : {}),
      ...(route.escalation !== undefined ? { escalation: policies.ref(route.escalation, route.source, subject) } : {}),
      matchers: toMatchers(route.match, route.source, subject, diagnostics),
      ...(route.groupBy ? { group_by: [...route.groupBy] } : {}),
      ...(route.groupWait ? { group_wait: duration(route.groupWait, route.source, subject, 'groupWait') } : {}),
      ...(route.groupInterval ? { group_interval: interval(route.groupInterval, route.source, subject, 'groupInterval') } : {}),
      ...(route.repeatInterval ? { repeat_interval: interval(route.repeatInterval, route.source, subject, 'repeatInterval') } : {}),
      continue: route.continue ?? false,
      mute_time_intervals: (route.muteDuring ?? []).map((i) => intervals.ref(i, route.source, subject)),
      active_time_intervals: (route.activeDuring ?? []).map((i) => intervals.ref(i, route.source, subject)),
      routes: (route.routes ?? []).map((child) => toRoute(child, false, escalates)),
    } as ConfigRoute;
    return out;
  };

  const inhibitRule = (rule: Inhibition) => ({ source_matchers: toMatchers(rule.sourceMatchers, rule.source, 'inhibition', diagnostics), target_matchers: toMatchers(rule.targetMatchers, rule.source, 'inhibition', diagnostics), equal: [...(rule.equal ?? [])] });
  const root = toRoute(notify.route, true, false);
  const inhibit_rules = (notify.inhibitions ?? []).map(inhibitRule);
  for (const rule of notify.inhibitions ?? []) {
    if (Object.keys(rule.sourceMatchers).length === 0 || Object.keys(rule.targetMatchers).length === 0) {
      diagnostics.error(rule.source, 'inhibition', 'needs source and target matchers', 'an inhibition without them would mute every alert');
    }
    for (const label of rule.equal ?? []) {
      if (!LABEL_NAME.test(label)) diagnostics.error(rule.source, 'inhibition', `equal names "${label}", which is not a label name`, 'label names are letters, digits and _, not starting with a digit');
    }
  }

  // Policies name receivers too; resolve them before the receivers are listed.
  const policyConfigs = () =>
    [...policies.byName.values()].map((policy) => {
      const subject = `escalation policy ${JSON.stringify(policy.name)}`;
      if (policy.steps.length === 0) diagnostics.error(policy.source, subject, 'has no steps');
      let previous = -1;
      const steps = policy.steps.map((step, i) => {
        const after = duration(step.after, policy.source, subject, `step ${i + 1} after`);
        const ms = parseDuration(step.after) ?? 0;
        if (ms < previous) diagnostics.error(policy.source, subject, `step ${i + 1} comes before step ${i}`, 'list steps in the order of their delays');
        previous = ms;
        if (step.notify.length === 0) diagnostics.error(policy.source, subject, `step ${i + 1} notifies nobody`);
        return { after: after!, receivers: step.notify.map((r) => receivers.ref(r, policy.source, subject)) };
      });
      if (policy.repeat !== undefined && (!Number.isInteger(policy.repeat) || policy.repeat < 1)) diagnostics.error(policy.source, subject, `repeat ${policy.repeat} must be a whole number ≥ 1`);
      return { name: policy.name, steps, repeat: policy.repeat ?? 1, notify_resolved: policy.notifyResolved ?? true };
    });
  const escalation_policies = policyConfigs().sort((a, b) => a.name.localeCompare(b.name));
  for (const registry of [receivers, policies, intervals]) registry.warnUnused();

  const config: NotifierConfigInput = {
    global: { resolve_timeout: duration(notify.resolveTimeout, notify.source, 'notify config', 'resolveTimeout') ?? '5m' },
    receivers: [...receivers.byName.values()].sort((a, b) => a.name.localeCompare(b.name)).map((r) => toReceiver(r, diagnostics)),
    escalation_policies,
    time_intervals: [...intervals.byName.values()].sort((a, b) => a.name.localeCompare(b.name)).map((i) => toTimeInterval(i, diagnostics)),
    inhibit_rules,
    route: root,
  };
  return { config, receivers: receivers.byName, policies: policies.byName };
}

/** The SDK's defaults for an email channel's server: submission with STARTTLS. */
const SMTP_PORT = 587;
const SMTP_TLS = 'starttls';

/** What Alertmanager would read of the server otherwise than the notifier. */
function checkEmailServer(host: string, port: number, tls: 'tls' | 'starttls' | 'none', subject: string, source: SourceLocation | undefined, diagnostics: Diagnostics): void {
  const bracketed = /^\[(.*)\]$/.exec(host)?.[1];
  if (bracketed !== undefined && isIPv6(bracketed)) {
    diagnostics.error(source, subject, `email host "${host}" is in brackets`, `write an IPv6 address bare, host: '${bracketed}': alertmanager.yml brackets it before the port`);
  } else if (host.includes(':') && !isIPv6(host)) {
    // Alertmanager joins host and port into one address: a port in host makes it host:587:587.
    diagnostics.error(source, subject, `email host "${host}" holds a colon, so Alertmanager's smarthost would be "${host}:${port}"`, `give the port in port, not host: host: '${host.split(':')[0]}', port: ${host.split(':').pop()}`);
  }
  const tlsDifference = emailTlsDifference(tls, port);
  if (tlsDifference) diagnostics.warn(source, subject, `${tlsDifference} (alertmanager.yml says so at its top)`, 'use tls: "tls" with port 465, or "starttls" with 587, and both connect alike');
}

function toChannel(channel: Channel, subject: string, source: SourceLocation | undefined, diagnostics: Diagnostics): ConfigChannel {
  for (const field of ['title', 'body'] as const) {
    const text = channel.template?.[field];
    for (const problem of text === undefined ? [] : templateProblems(text)) diagnostics.error(source, subject, `${channel.type} template ${field} ${problem.message}`, problem.hint);
  }
  if (channel.type === 'email') checkEmailServer(channel.host, channel.port ?? SMTP_PORT, channel.tls ?? SMTP_TLS, subject, source, diagnostics);
  const base = { send_resolved: channel.sendResolved ?? true, ...(channel.template ? { template: { ...channel.template } } : {}) };
  switch (channel.type) {
    case 'email':
      return { type: 'email', to: [...channel.to], from: channel.from, smarthost: { host: channel.host, port: channel.port ?? SMTP_PORT }, tls: channel.tls ?? SMTP_TLS, ...(channel.user ? { username: channel.user } : {}), ...(channel.password ? { password: envName(channel.password)! } : {}), ...base };
    case 'slack':
      return { type: 'slack', webhook_url: envName(channel.webhookUrl)!, ...(channel.channel ? { channel: channel.channel } : {}), ...(channel.username ? { username: channel.username } : {}), ...(channel.iconEmoji ? { icon_emoji: channel.iconEmoji } : {}), ...(channel.iconUrl ? { icon_url: channel.iconUrl } : {}), ...base };
    case 'webhook':
      return { type: 'webhook', url: isEnvRef(channel.url) ? envName(channel.url)! : channel.url, ...(channel.bearerToken ? { bearer_token: envName(channel.bearerToken)! } : {}), max_alerts: channel.maxAlerts ?? 0, ...base };
  }
}

function toReceiver(receiver: Receiver, diagnostics: Diagnostics) {
  const subject = `receiver ${JSON.stringify(receiver.name)}`;
  if (receiver.channels.length === 0) diagnostics.warn(receiver.source, subject, 'has no channels: its messages go nowhere', 'add email(), slack() or webhook() channels');
  const rate = receiver.rateLimit;
  if (rate) {
    if (![rate.messages, rate.burst ?? 1].every((n) => Number.isInteger(n) && n >= 1) || !((parseDuration(rate.per) ?? 0) > 0)) diagnostics.error(receiver.source, subject, `rateLimit ${rate.messages} per ${rate.per} is not a rate`, 'e.g. { messages: 10, per: "1m", burst: 5 }');
  }
  const digest = receiver.digest;
  if (digest) {
    const every = parseDuration(digest.every);
    if (every === undefined) diagnostics.error(receiver.source, subject, `digest every "${digest.every}" is not a valid duration`);
    else if (every === 0) diagnostics.error(receiver.source, subject, 'digest every must be longer than 0s', 'a digest of 0s would never be sent; e.g. "1h"');
    if (digest.at !== undefined && (!CLOCK_TIME.test(digest.at) || digest.at === '24:00')) diagnostics.error(receiver.source, subject, `digest at "${digest.at}" is not a time of day`, 'HH:MM from 00:00 to 23:59, e.g. "09:00"');
    if (digest.location !== undefined && !isTimeZone(digest.location)) diagnostics.error(receiver.source, subject, `digest location "${digest.location}" is not a time zone`, `use ${TIME_ZONE_HINT}`);
    if (digest.location === LOCAL_TIME_ZONE) warnLocal(receiver.source, subject, diagnostics);
    if ((digest.at !== undefined || digest.location !== undefined) && every !== undefined && every > DAY_MS) {
      diagnostics.error(receiver.source, subject, `digest every "${digest.every}" is longer than the day its at/location count it in`, 'a digest counted from a time of day is at most 24h; leave out at and location to count it from the Unix epoch');
    }
  }
  return {
    name: receiver.name,
    channels: receiver.channels.map((c) => toChannel(c, subject, receiver.source, diagnostics)),
    ...(rate ? { rate_limit: { messages: rate.messages, per: rate.per, burst: rate.burst ?? rate.messages } } : {}),
    ...(digest ? { digest: { every: digest.every, ...(digest.at !== undefined && { at: digest.at }), ...(digest.location !== undefined && { location: digest.location }) } } : {}),
  };
}

/** Local is valid (Alertmanager's too), but whose local time it is depends on where the program runs. */
function warnLocal(source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): void {
  diagnostics.warn(source, subject, 'location "Local" is the time zone of the host the notifier (or Alertmanager) runs on, often UTC in a container', 'name the zone, e.g. Europe/Berlin, so the times mean the same wherever it runs');
}

function toTimeInterval(interval: TimeInterval, diagnostics: Diagnostics) {
  const subject = `time interval ${JSON.stringify(interval.name)}`;
  for (const { start, end } of interval.times ?? []) {
    if (!CLOCK_TIME.test(start) || !CLOCK_TIME.test(end)) diagnostics.error(interval.source, subject, `times ${start} to ${end} must be HH:MM`, 'e.g. { start: "09:00", end: "17:30" }');
    else if (start >= end) diagnostics.error(interval.source, subject, `starts at ${start}, not before its end ${end}`, 'an interval across midnight is two intervals: to 24:00 and from 00:00');
  }
  if (interval.location && !isTimeZone(interval.location)) {
    diagnostics.error(interval.source, subject, `location "${interval.location}" is not a time zone`, `use ${TIME_ZONE_HINT}`);
  }
  if (interval.location === LOCAL_TIME_ZONE) warnLocal(interval.source, subject, diagnostics);
  const ranges = (field: 'weekdays' | 'daysOfMonth' | 'months' | 'years', parse: (text: string) => string | object) => {
    const texts = interval[field]?.map(String);
    for (const text of texts ?? []) {
      const problem = parse(text);
      if (typeof problem === 'string') diagnostics.error(interval.source, subject, `${field} ${problem}`, 'Alertmanager refuses it too: a range is a:b, with a not after b');
    }
    return texts;
  };
  const weekdays = ranges('weekdays', weekdayRange);
  const daysOfMonth = ranges('daysOfMonth', dayOfMonthRange);
  const months = ranges('months', monthRange);
  const years = ranges('years', yearRange);
  return {
    name: interval.name,
    time_intervals: [
      {
        ...(weekdays ? { weekdays } : {}),
        ...(interval.times ? { times: interval.times.map((t) => ({ start_time: t.start, end_time: t.end })) } : {}),
        ...(daysOfMonth ? { days_of_month: daysOfMonth } : {}),
        ...(months ? { months } : {}),
        ...(years ? { years } : {}),
        ...(interval.location ? { location: interval.location } : {}),
      },
    ],
  };
}
