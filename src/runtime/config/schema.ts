/**
 * The notifier's configuration format (generated/notifier/notifier.yaml): the one contract between
 * the compiler, which writes it, and the runtime, which runs it. The compiler also publishes it as
 * JSON Schema (generated/notifier/notifier.schema.json) for editors and reviewers.
 */
import { isIPv6 } from 'node:net';
import { z } from 'zod';
import { DURATION_RE, parseDuration } from '../../sdk/duration.ts';
import { goCodePoint } from '../model/go-quote.ts';
import { LABEL_NAME } from '../model/labels.ts';
import { closest } from './closest.ts';
import { goUrlProblem } from './go-url.ts';
import { regexError } from './matcher-regex.ts';
import { MATCHER_TEXT, unquoteMatcherValue } from './matcher-syntax.ts';
import { DAY_MS, durationMs } from '../duration.ts';
import { CLOCK_TIME, dayOfMonthRange, isTimeZone, monthRange, TIME_ZONE_HINT, weekdayRange, yearRange, type Range } from './time-ranges.ts';

/** An unknown key is mostly a typo, whose setting would be lost: each is named with the closest known key. */
function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((key) => {
      const suggestion = closest(key, known);
      return `Unrecognized key "${key}": ${suggestion ? `did you mean "${suggestion}"?` : `the keys here are ${known.join(', ')}`}`;
    })
    .join('; ');
}

/** An object refusing unknown keys (see unknownKeysMessage); `error` words its other issues, or leaves them to zod. */
function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, error?: (issue: z.core.$ZodRawIssue) => string | undefined) {
  const known = Object.keys(shape);
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : error?.(issue)) });
}

/**
 * Names must be unique: of two with one name, the runtime would use the last without a word.
 * Alertmanager and the build refuse them too.
 */
const uniqueNames =
  (list: string, what: string) =>
  (items: readonly { name: string }[], ctx: z.RefinementCtx): void => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const at = first.get(item.name);
      if (at === undefined) first.set(item.name, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate ${what} "${item.name}" (also ${list}[${at}]): give each ${what} its own name` });
    });
  };

const DURATION_HINT = 'a duration such as 30s, 5m or 1h30m';
/** A Prometheus-style duration: `30s`, `5m`, `1h30m` (the SDK's grammar, kept as a pattern in the JSON Schema), short of 292 years as Go's. */
export const durationSchema = z
  .string()
  .min(1, { message: DURATION_HINT, abort: true })
  .regex(DURATION_RE, { message: DURATION_HINT, abort: true })
  // Aborts: the refinements after it (a period longer than 0s) read the duration's milliseconds.
  .refine((text) => parseDuration(text) !== undefined, { message: 'out of range: Alertmanager takes durations short of 292 years', abort: true });

/** A duration something is divided by (a digest's period, a rate's): 0s would mean never, or no limit. */
const periodSchema = durationSchema.refine((text) => durationMs(text) > 0, 'longer than 0s');
/** A time of day, HH:MM; 24:00 ends a day's interval. */
const clockTime = z.string().regex(CLOCK_TIME, 'HH:MM');
/** A time of day a day can start at: 00:00 to 23:59. */
const clockOfDay = clockTime.refine((time) => time !== '24:00', 'HH:MM from 00:00 to 23:59');
/** An IANA time zone; an unknown one would fail every flush of the routes or receivers using it. */
const timeZone = z.string().refine(isTimeZone, TIME_ZONE_HINT);

/**
 * The name of a receiver, escalation policy or time interval. Names are written into alertmanager.yml's
 * comments, logs and messages, where a line break would end the line it is on (and start YAML of its
 * own in the generated file); no team means a control character in a name.
 */
const nameSchema = z
  .string()
  .min(1)
  .superRefine((name, ctx) => {
    const breaker = NAME_BREAKER.exec(name);
    if (breaker) ctx.addIssue({ code: 'custom', message: `character ${breaker.index + 1} is ${goCodePoint(breaker[0])}, a line break or control character: names are written into comments, logs and messages, where it would end the line; use letters, digits, spaces, '-' and '_'` });
  });
/** Controls (C0, DEL, C1) and the characters YAML, JSON or Go's readers take for line breaks. */
const NAME_BREAKER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A secret is never a value in the config: it names the environment variable that holds it. */
export const envRefSchema = strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as SLACK_WEBHOOK_URL') });
export type EnvRef = z.infer<typeof envRefSchema>;

const notALabelName = (label: string) => `"${label}" is not a label name: label names are letters, digits and _, not starting with a digit`;

/** A label name, as Alertmanager and Prometheus have them; no alert carries any other. */
const labelNameSchema = z
  .string()
  .min(1)
  .superRefine((label, ctx) => {
    if (label && !LABEL_NAME.test(label)) ctx.addIssue({ code: 'custom', message: notALabelName(label) });
  });

/** Alertmanager's text form (`severity="critical"`) is not read here: the hint shows the object to write instead. */
function textMatcherHint(text: string): string {
  const parts = MATCHER_TEXT.exec(text);
  const value = parts ? unquoteMatcherValue(parts[3]!) : undefined;
  const [label, op, shown] = parts && value !== undefined ? [parts[1]!, parts[2]!, value] : ['severity', '=', 'critical'];
  return `a matcher here is a {label, op, value} object, not Alertmanager's text form: write {label: ${JSON.stringify(label)}, op: "${op}", value: ${JSON.stringify(shown)}}`;
}

/** A label matcher in Alertmanager's structured form; a regex one must be RE2, or no alert could be matched. */
export const matcherSchema = strictObject(
  {
    // amtool check-config refuses any other as "bad matcher format".
    label: labelNameSchema,
    op: z.enum(['=', '!=', '=~', '!~']),
    value: z.string(),
  },
  (issue) => (issue.code === 'invalid_type' && typeof issue.input === 'string' ? textMatcherHint(issue.input) : undefined),
).superRefine((matcher, ctx) => {
  const error = matcher.op.includes('~') ? regexError(matcher.value) : undefined;
  if (error) ctx.addIssue({ code: 'custom', path: ['value'], message: `not an RE2 regular expression (Alertmanager's syntax): ${error}` });
});
export type Matcher = z.infer<typeof matcherSchema>;

/**
 * A message template: text with `{{ placeholder }}`s. The placeholders are listed in
 * TEMPLATE_PLACEHOLDERS (src/runtime/config/template-placeholders.ts); the compiler rejects others.
 */
export const messageTemplateSchema = strictObject({
  title: z.string().optional(),
  body: z.string().optional(),
});

const channelBase = {
  /** Also tell this channel when the group resolves. Default true. */
  send_resolved: z.boolean().default(true),
  /** Message templates; defaults are the runtime's. */
  template: messageTemplateSchema.optional(),
};

export const emailChannelSchema = strictObject({
  type: z.literal('email'),
  to: z.array(z.string().min(3)).min(1),
  from: z.string().min(3),
  smarthost: strictObject({
    /** A host name or IP address; an IPv6 one without brackets. */
    host: z
      .string()
      .min(1)
      .refine((host) => isIPv6(host) || !/[:[\]\s]/.test(host), 'a host name or IP address, without a port (give it in port) or brackets (an IPv6 address is written bare, ::1)'),
    port: z.number().int().min(1).max(65535),
  }),
  /** `tls`: TLS from the start (port 465); `starttls`: upgrade (587); `none`: plain (tests, local relays). */
  tls: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  username: z.string().optional(),
  password: envRefSchema.optional(),
  ...channelBase,
});

/** Whether a string is an http or https URL to WHATWG. */
const isHttpUrl = (url: string) => URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);

/**
 * An http or https URL, as WHATWG's parser (undici's, a browser's) reads it. Refinements run on a
 * string url() refused too (no abort: a union with an environment reference reports this branch's
 * issue only while it is not aborted), so each checks.
 */
const httpUrlSchema = z
  .string()
  .url()
  .refine((url) => !URL.canParse(url) || isHttpUrl(url), 'not an http or https URL: messages go over HTTP');

/** A URL to send to: Alertmanager parses it as Go does (url.Parse), and the notifier as WHATWG does. */
const sendUrlSchema = httpUrlSchema.superRefine((url, ctx) => {
  const problem = isHttpUrl(url) ? goUrlProblem(url) : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (Alertmanager reads URLs as Go does)` });
});

export const slackChannelSchema = strictObject({
  type: z.literal('slack'),
  webhook_url: envRefSchema,
  channel: z.string().optional(),
  username: z.string().optional(),
  icon_emoji: z.string().optional(),
  /** Shown by Slack, which fetches it; Alertmanager passes it on unread. */
  icon_url: httpUrlSchema.optional(),
  ...channelBase,
});

/** A URL written out in the config: one with a user or password in it holds a secret, which the status API would show. */
const literalUrlSchema = sendUrlSchema.refine((url) => {
  if (!URL.canParse(url)) return true;
  const { username, password } = new URL(url);
  return username === '' && password === '';
}, 'a URL with credentials in it: secrets are environment references only, so give the URL as {env: NAME} and set the variable where the notifier runs');

export const webhookChannelSchema = strictObject({
  type: z.literal('webhook'),
  /** A literal URL, or an environment reference when the URL itself is secret. */
  url: z.union([literalUrlSchema, envRefSchema]),
  bearer_token: envRefSchema.optional(),
  /** Most alerts in one message; the rest are counted in truncatedAlerts. 0 means all. Default 0. */
  max_alerts: z.number().int().min(0).default(0),
  ...channelBase,
});

export const channelSchema = z.discriminatedUnion('type', [emailChannelSchema, slackChannelSchema, webhookChannelSchema]);
export type Channel = z.infer<typeof channelSchema>;

export const receiverSchema = strictObject({
  name: nameSchema,
  channels: z.array(channelSchema),
  /** Token bucket: at most `messages` per `per`, bursts of up to `burst`. Default: unlimited. */
  rate_limit: strictObject({ messages: z.number().int().min(1), per: periodSchema, burst: z.number().int().min(1) }).optional(),
  /** Digest mode: collect everything of a period and send it as one message. Default: off. */
  digest: strictObject({
    every: periodSchema,
    /** The time of day (HH:MM, in `location`) periods are counted from each day. Default: periods counted from the Unix epoch. */
    at: clockOfDay.optional(),
    /** IANA time zone of `at`. Default UTC. */
    location: timeZone.optional(),
  })
    .refine((digest) => (digest.at === undefined && digest.location === undefined) || durationMs(digest.every) <= DAY_MS, {
      message: 'a digest counted from a time of day is at most 24h long',
      path: ['every'],
    })
    .optional(),
});
export type Receiver = z.infer<typeof receiverSchema>;

export const escalationStepSchema = strictObject({
  /** Delay from the group's first notification. The first step is usually 0s. */
  after: durationSchema,
  receivers: z.array(z.string().min(1)).min(1),
});

export const escalationPolicySchema = strictObject({
  name: nameSchema,
  steps: z.array(escalationStepSchema).min(1),
  /** How many times the whole chain runs; 1 means once. Default 1. */
  repeat: z.number().int().min(1).default(1),
  /** Send resolved messages to everyone who was notified. Default true. */
  notify_resolved: z.boolean().default(true),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

/** A string that `parse` reads as a range, refused with its reason otherwise. */
const rangeOf = (parse: (text: string) => Range | string) =>
  z.string().superRefine((text, ctx) => {
    const range = parse(text);
    if (typeof range === 'string') ctx.addIssue({ code: 'custom', message: range });
  });

export const timeIntervalSchema = strictObject({
  name: nameSchema,
  time_intervals: z.array(
    strictObject({
      weekdays: z.array(rangeOf(weekdayRange)).optional(),
      times: z
        .array(
          strictObject({ start_time: clockTime, end_time: clockTime }).superRefine((t, ctx) => {
            // Compared only when both read: a time that does not is named once, by clockTime.
            if (CLOCK_TIME.test(t.start_time) && CLOCK_TIME.test(t.end_time) && t.start_time >= t.end_time) ctx.addIssue({ code: 'custom', message: `starts at ${t.start_time}, not before its end ${t.end_time}: an interval across midnight is two, to 24:00 and from 00:00` });
          }),
        )
        .optional(),
      /** Days of the month, 1 to 31, or -1 (the last) to -31: `1:7`, `-7:-1`. */
      days_of_month: z.array(rangeOf(dayOfMonthRange)).optional(),
      /** Months by name or number: `december`, `january:march`. */
      months: z.array(rangeOf(monthRange)).optional(),
      years: z.array(rangeOf(yearRange)).optional(),
      /** IANA time zone, e.g. Europe/Berlin. Default UTC. */
      location: timeZone.optional(),
    }),
  ),
});
export type TimeInterval = z.infer<typeof timeIntervalSchema>;

export interface Route {
  name?: string;
  receiver?: string;
  escalation?: string;
  matchers: Matcher[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  continue: boolean;
  mute_time_intervals: string[];
  active_time_intervals: string[];
  routes: Route[];
}

/** Labels to group by, each once, or `...` alone (every label): Alertmanager refuses anything else. */
const groupBySchema = z.array(z.string()).superRefine((labels, ctx) => {
  if (labels.includes('...') && labels.length > 1) ctx.addIssue({ code: 'custom', message: "'...' groups by every label, so it stands alone: drop it, or the other labels" });
  labels.forEach((label, i) => {
    const first = labels.indexOf(label);
    if (label !== '...' && !LABEL_NAME.test(label)) ctx.addIssue({ code: 'custom', path: [i], message: notALabelName(label) });
    else if (first !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${label}" is listed twice (also group_by[${first}]): list each label once, as Alertmanager requires` });
  });
});

/**
 * A node of the routing tree, with Alertmanager's semantics: unset timings and group_by (or an empty one) inherit from
 * the parent; the first matching child wins unless it sets `continue`. A route names a receiver or
 * an escalation policy (or inherits the parent's). `group_by: ['...']` groups by every label.
 */
export const routeSchema: z.ZodType<Route> = z.lazy(() =>
  strictObject({
    /** Shown by `alertforge routes test` and the groups API. */
    name: z.string().optional(),
    receiver: z.string().optional(),
    escalation: z.string().optional(),
    matchers: z.array(matcherSchema).default([]),
    group_by: groupBySchema.optional(),
    group_wait: durationSchema.optional(),
    group_interval: durationSchema.optional(),
    repeat_interval: durationSchema.optional(),
    continue: z.boolean().default(false),
    mute_time_intervals: z.array(z.string()).default([]),
    active_time_intervals: z.array(z.string()).default([]),
    routes: z.array(routeSchema).default([]),
  }).superRefine((route, ctx) => {
    // The runtime would run the policy and drop the receiver without a word.
    if (route.receiver !== undefined && route.escalation !== undefined) {
      ctx.addIssue({ code: 'custom', message: `names both receiver "${route.receiver}" and escalation policy "${route.escalation}": keep one, an escalation policy already says whom to notify` });
    }
  }),
) as z.ZodType<Route>;

export const inhibitRuleSchema = strictObject({
  source_matchers: z.array(matcherSchema).min(1),
  target_matchers: z.array(matcherSchema).min(1),
  equal: z.array(labelNameSchema).default([]),
});
export type InhibitRule = z.infer<typeof inhibitRuleSchema>;

export const notifierConfigSchema = strictObject({
  global: strictObject({
    /** An alert with no endsAt resolves this long after it was last received. Default 5m. */
    resolve_timeout: durationSchema.default('5m'),
  }).default({ resolve_timeout: '5m' }),
  receivers: z.array(receiverSchema).superRefine(uniqueNames('receivers', 'receiver')),
  escalation_policies: z.array(escalationPolicySchema).superRefine(uniqueNames('escalation_policies', 'escalation policy')).default([]),
  time_intervals: z.array(timeIntervalSchema).superRefine(uniqueNames('time_intervals', 'time interval')).default([]),
  inhibit_rules: z.array(inhibitRuleSchema).default([]),
  route: routeSchema,
});

/** The notifier configuration after validation and defaults. */
export type NotifierConfig = z.infer<typeof notifierConfigSchema>;
/** The notifier configuration as written (defaults may be omitted). */
export type NotifierConfigInput = z.input<typeof notifierConfigSchema>;
