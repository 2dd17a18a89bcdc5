/**
 * Grafana's variable references in a query (`$connector`, `${connector:regex}`, `${__to:date:seconds}`,
 * `[[connector]]`), found for checking and stood in for so that PromQL can parse the query.
 */
import { BUILTIN_DURATION_VARIABLES, BUILTIN_NUMBER_VARIABLES, type Variable } from '../../sdk/dashboard/variables.ts';

const REFERENCE = /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?\}|\$([a-zA-Z_][a-zA-Z0-9_]*)|\[\[([a-zA-Z_][a-zA-Z0-9_]*)\]\]/g;
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
/** What a duration variable stands for while the query is parsed. */
const STAND_IN_DURATION = '5m';
/** And a number variable: 5m in seconds, a value of the size Grafana puts there. */
const STAND_IN_NUMBER = '300';
const NUMBERS: ReadonlySet<string> = new Set(BUILTIN_NUMBER_VARIABLES);
/** Where PromQL wants a duration: a range or subquery in brackets, and after offset. */
const DURATION_PLACE = /\[[^\]]*\]|\boffset\s+\S+/g;

const nameOf = (m: RegExpMatchArray) => (m[1] ?? m[2] ?? m[3])!;

/** Names of the variables a query refers to, in order of first use. */
export function variableReferences(expr: string): string[] {
  return [...new Set([...expr.matchAll(REFERENCE)].map(nameOf))];
}

/** What each of a dashboard's variables stands for in a query while it is parsed. */
export function variableStandIns(variables: readonly Variable[]): Map<string, string> {
  const standIns = new Map<string, string>();
  for (const v of variables) {
    if (v.type === 'interval') standIns.set(v.name, '5m');
    // Outside a string a custom variable is query text (a threshold, a topk count): its first value shows what.
    else if (v.type === 'custom' && v.values[0] !== undefined) standIns.set(v.name, v.values[0]);
  }
  return standIns;
}

/** The query's text outside string literals, each piece passed through `code`. */
function mapOutsideStrings(expr: string, code: (text: string) => string): string {
  let out = '';
  let last = 0;
  for (const literal of expr.matchAll(STRING)) {
    out += code(expr.slice(last, literal.index)) + literal[0];
    last = literal.index + literal[0].length;
  }
  return out + code(expr.slice(last));
}

/**
 * The query as PromQL can parse it. Outside strings, Grafana's own variables become a duration or
 * a number, as Grafana fills them, and the dashboard's variables what `standIns` gives (a duration
 * for an interval variable, a custom variable's first value); inside strings (a matcher's value)
 * every reference stays, since any text is a valid string.
 */
export function substituteGrafanaVariables(expr: string, standIns: ReadonlyMap<string, string> = new Map()): string {
  const standIn = (name: string) =>
    standIns.get(name) ?? ((BUILTIN_DURATION_VARIABLES as readonly string[]).includes(name) ? STAND_IN_DURATION : NUMBERS.has(name) ? STAND_IN_NUMBER : undefined);
  return mapOutsideStrings(expr, (code) => code.replace(REFERENCE, (reference: string, braced?: string, plain?: string, bracketed?: string) => standIn((braced ?? plain ?? bracketed)!) ?? reference));
}

/**
 * Grafana's number variables written where PromQL wants a duration: `[$__range_ms]` becomes
 * `[21600000]`, which Prometheus 2 refuses and Prometheus 3 reads as seconds (250 days).
 */
export function numbersAsDurations(expr: string): string[] {
  const found = new Set<string>();
  mapOutsideStrings(expr, (code) => {
    for (const place of code.matchAll(DURATION_PLACE)) for (const m of place[0].matchAll(REFERENCE)) if (NUMBERS.has(nameOf(m))) found.add(nameOf(m));
    return code;
  });
  return [...found];
}
