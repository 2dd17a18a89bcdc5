/** The `filter` query parameter of Alertmanager's API: matchers such as `alertname="X"` or `severity=~"crit.*"`. */
import { regexError } from '../config/matcher-regex.ts';
import { MATCHER_TEXT, unquoteMatcherValue } from '../config/matcher-syntax.ts';
import type { Matcher } from '../config/schema.ts';
import { HttpError } from './http-error.ts';

export function parseMatcher(text: string): Matcher {
  const match = MATCHER_TEXT.exec(text);
  if (!match) throw new HttpError(400, `filter: not a matcher: ${JSON.stringify(text)} (expected e.g. alertname="X")`);
  const value = unquoteMatcherValue(match[3]!);
  if (value === undefined) throw new HttpError(400, `filter: the value of ${JSON.stringify(text)} holds an unescaped double quote`);
  const error = match[2]!.includes('~') ? regexError(value) : undefined;
  if (error) throw new HttpError(400, `filter: not a regular expression: ${JSON.stringify(value)} (${error})`);
  return { label: match[1]!, op: match[2] as Matcher['op'], value };
}

export function parseFilters(params: URLSearchParams): Matcher[] {
  return params.getAll('filter').map(parseMatcher);
}

/** A boolean query parameter, Alertmanager's way: absent means the default. */
export function boolParam(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = params.get(name);
  if (value === null) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new HttpError(400, `${name}: expected true or false`);
}
