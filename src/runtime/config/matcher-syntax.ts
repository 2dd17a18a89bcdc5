/**
 * A matcher as Alertmanager 0.25 reads one as text (pkg/labels ParseMatcher), for the API's
 * `filter` parameter and for amtool's label arguments: a label name, an operator, then the value
 * up to trailing space, quoted or not.
 */

/**
 * Name, operator and raw value; Go's \s is these five characters. The value is taken greedily up
 * to its last other character: taken lazily, each character of a run of spaces inside it tried
 * the rest of the run as trailing space, and a filter of 16,000 spaces held the event loop 0.6 s.
 */
export const MATCHER_TEXT = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*((?:[\s\S]*[^\t\n\f\r ])?)[\t\n\f\r ]*$/;

/**
 * The value, unescaped as Alertmanager unescapes it: a leading double quote needs a closing one at
 * the very end and no other unescaped; \n, \" and \\ are escapes, any other backslash is itself.
 * Undefined when a double quote is unescaped.
 */
export function unquoteMatcherValue(raw: string): string | undefined {
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
      if (closed || i < chars.length - 1) return undefined;
      closed = true;
    } else {
      value += c;
    }
  }
  return closed ? value : undefined;
}
