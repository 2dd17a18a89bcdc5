/** Alertmanager's v2 silences: what `amtool silence add|query|expire` calls. */
import { isoTime } from '../clock.ts';
import { z } from 'zod';
import { regexError, regexMatches } from '../config/matcher-regex.ts';
import type { Matcher } from '../config/schema.ts';
import { LABEL_NAME } from '../model/labels.ts';
import type { Notifier } from '../notifier.ts';
import { parseRfc3339 } from '../rfc3339.ts';
import { silenceState, type Silence, type SilenceState } from '../pipeline/silence.ts';
import { HttpError } from './http-error.ts';
import { parseFilters } from './matcher-filter.ts';

const apiMatcher = z.object({
  name: z.string().regex(LABEL_NAME, 'a label name such as alertname'),
  value: z.string(),
  isRegex: z.boolean(),
  // Not set (or null) is true.
  isEqual: z
    .boolean()
    .nullish()
    .transform((isEqual) => isEqual ?? true),
});

const time = z.string().refine((s) => !Number.isNaN(parseRfc3339(s)), 'an RFC 3339 time such as 2024-05-01T12:00:00Z').transform(parseRfc3339);

export const postableSilence = z.object({
  // Empty (or null) is no id, as Alertmanager reads it: a new silence.
  id: z
    .string()
    .nullish()
    .transform((id) => id || undefined),
  matchers: z.array(apiMatcher).min(1, 'at least one matcher is required'),
  startsAt: time,
  endsAt: time,
  // Required, and may be empty, as in Alertmanager's schema (amtool asks for a comment itself).
  createdBy: z.string({ error: 'who creates the silence' }),
  comment: z.string({ error: 'why the silence is needed' }),
});

function toMatcher(m: z.infer<typeof apiMatcher>): Matcher {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  const error = m.isRegex ? regexError(m.value) : undefined;
  if (error) throw new HttpError(400, `matchers: not a regular expression: ${JSON.stringify(m.value)} (${error})`);
  return { label: m.name, op, value: m.value };
}

/** As Alertmanager reads it: `=""` and a regex that matches "" do; a negative matcher does not. */
function matchesEmpty(m: Matcher): boolean {
  return m.op === '=' ? m.value === '' : m.op === '=~' && regexMatches(m.value, '');
}

export function addSilence(notifier: Notifier, body: z.infer<typeof postableSilence>, now: number): { silenceID: string } {
  const matchers = body.matchers.map(toMatcher);
  // A missing label matches as "": such a silence would mute every alert.
  if (matchers.every(matchesEmpty)) throw new HttpError(400, 'matchers: at least one must not match the empty string, or the silence would mute every alert');
  if (body.endsAt <= body.startsAt) throw new HttpError(400, 'endsAt: must be after startsAt');
  if (body.endsAt <= now) throw new HttpError(400, 'endsAt: must be in the future');
  if (body.id !== undefined && !notifier.getSilence(body.id)) throw new HttpError(404, `id: no silence ${body.id}`);
  const saved = notifier.putSilence({
    ...(body.id !== undefined && { id: body.id }),
    matchers,
    startsAt: body.startsAt,
    endsAt: body.endsAt,
    createdBy: body.createdBy,
    comment: body.comment,
  });
  return { silenceID: saved.id };
}


export function gettableSilence(silence: Silence, now: number) {
  return {
    id: silence.id,
    matchers: silence.matchers.map((m) => ({ name: m.label, value: m.value, isRegex: m.op.includes('~'), isEqual: !m.op.startsWith('!') })),
    startsAt: isoTime(silence.startsAt),
    endsAt: isoTime(silence.endsAt),
    updatedAt: isoTime(silence.updatedAt),
    createdBy: silence.createdBy,
    comment: silence.comment,
    status: { state: silenceState(silence, now) },
  };
}

const STATE_ORDER: Record<SilenceState, number> = { active: 0, pending: 1, expired: 2 };

/**
 * Alertmanager's order: active ones first, the next to end first; then pending ones, the next to
 * start first; then expired ones, the last to end first.
 */
function silenceOrder(now: number): (a: Silence, b: Silence) => number {
  return (a, b) => {
    const state = silenceState(a, now);
    const byState = STATE_ORDER[state] - STATE_ORDER[silenceState(b, now)];
    if (byState !== 0) return byState;
    if (state === 'active') return a.endsAt - b.endsAt;
    return state === 'pending' ? a.startsAt - b.startsAt : b.endsAt - a.endsAt;
  };
}

/**
 * Silences that have each filter given among their matchers (the same label, operator and value),
 * which is what Alertmanager's `filter` selects, in its order.
 */
export function listSilences(notifier: Notifier, params: URLSearchParams, now: number) {
  const filters = parseFilters(params);
  return notifier
    .listSilences()
    .filter((s) => filters.every((f) => s.matchers.some((m) => m.label === f.label && m.op === f.op && m.value === f.value)))
    .sort(silenceOrder(now))
    .map((s) => gettableSilence(s, now));
}
