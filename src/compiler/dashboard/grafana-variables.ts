/**
 * Grafana's variable references in a query (`$connector`, `${connector:regex}`, `[[connector]]`),
 * found for checking and stood in for so that PromQL can parse the query.
 */
import { BUILTIN_VARIABLES } from '../../sdk/dashboard/variables.ts';

const REFERENCE = /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-zA-Z]+)?\}|\$([a-zA-Z_][a-zA-Z0-9_]*)|\[\[([a-zA-Z_][a-zA-Z0-9_]*)\]\]/g;
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
/** What a duration variable stands for while the query is parsed. */
const STAND_IN_DURATION = '5m';

const nameOf = (m: RegExpMatchArray) => (m[1] ?? m[2] ?? m[3])!;

/** Names of the variables a query refers to, in order of first use. */
export function variableReferences(expr: string): string[] {
  return [...new Set([...expr.matchAll(REFERENCE)].map(nameOf))];
}

/**
 * The query as PromQL can parse it. Outside strings, Grafana's own variables and the dashboard's
 * interval variables become a duration (in a range, after offset, or as a number of seconds);
 * inside strings (a matcher's value) every reference stays, since any text is a valid string.
 */
export function substituteGrafanaVariables(expr: string, intervals: ReadonlySet<string> = new Set()): string {
  const isDuration = (name: string) => intervals.has(name) || (BUILTIN_VARIABLES as readonly string[]).includes(name);
  const replaceOutside = (code: string) =>
    code.replace(REFERENCE, (reference: string, braced?: string, plain?: string, bracketed?: string) => (isDuration((braced ?? plain ?? bracketed)!) ? STAND_IN_DURATION : reference));
  let out = '';
  let last = 0;
  for (const literal of expr.matchAll(STRING)) {
    out += replaceOutside(expr.slice(last, literal.index)) + literal[0];
    last = literal.index + literal[0].length;
  }
  return out + replaceOutside(expr.slice(last));
}
