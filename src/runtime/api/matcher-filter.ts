/** The `filter` query parameter of Alertmanager's API: matchers such as `alertname="X"` or `severity=~"crit.*"`. */
import { regexError } from '../config/matcher-regex.ts';
import type { Matcher } from '../config/schema.ts';
import { HttpError } from './http-error.ts';

/**
 * A matcher as Alertmanager 0.25 reads one (pkg/labels ParseMatcher): a label name, an operator,
 * then the value up to trailing space, quoted or not. Go's \s is these five characters.
 */
const MATCHER_RE = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

/**
 * The value, unescaped as Alertmanager unescapes it: a leading double quote needs a closing one at
 * the very end and no other unescaped; \n, \" and \\ are escapes, any other backslash is itself.
 */
function matcherValue(raw: string, text: string): string {
  const unescapedQuote = () => new HttpError(400, `filter: the value of ${JSON.stringify(text)} holds an unescaped double quote`);
  const quoted = raw.startsWith('"');
  const chars = [...(quoted ? raw.slice(1) : raw)];
  let closed = !quoted;
  let value = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i < chars.length - 1) {
      const next = chars[++i]!;
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else if (c === '"') {
      if (closed || i < chars.length - 1) throw unescapedQuote();
      closed = true;
    } else {
      value += c;
    }
  }
  if (!closed) throw unescapedQuote();
  return value;
}

export function parseMatcher(text: string): Matcher {
  const match = MATCHER_RE.exec(text);
  if (!match) throw new HttpError(400, `filter: not a matcher: ${JSON.stringify(text)} (expected e.g. alertname="X")`);
  const value = matcherValue(match[3]!, text);
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
