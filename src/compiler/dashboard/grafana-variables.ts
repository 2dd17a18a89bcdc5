/**
 * Grafana's variable references in a query (`$connector`, `${connector:regex}`, `${__to:date:seconds}`,
 * `[[connector]]`), found for checking and stood in for so that PromQL can parse the query.
 */
import { BUILTIN_DURATION_VARIABLES, BUILTIN_NUMBER_VARIABLES, type Variable } from '../../sdk/dashboard/variables.ts';
import { parseDuration } from '../../sdk/duration.ts';
import { optionOf } from './custom-values.ts';

const REFERENCE = /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?\}|\$([a-zA-Z_][a-zA-Z0-9_]*)|\[\[([a-zA-Z_][a-zA-Z0-9_]*)\]\]/g;
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
/** What Grafana's number variables stand for: 5m in seconds, a value of the size Grafana puts there. */
const STAND_IN_NUMBER = '300';
const NUMBERS: ReadonlySet<string> = new Set(BUILTIN_NUMBER_VARIABLES);
/** Where PromQL wants a duration: a range or subquery in brackets, and after offset. */
const DURATION_PLACE = /\[[^\]]*\]|\boffset\s+\S+/g;

const nameOf = (m: RegExpMatchArray) => (m[1] ?? m[2] ?? m[3])!;

/** Names of the variables a query refers to, in order of first use. */
export function variableReferences(expr: string): string[] {
  return [...new Set([...expr.matchAll(REFERENCE)].map(nameOf))];
}

/**
 * What each variable stands for in a dashboard's queries while they are parsed and linted: Grafana's
 * number variables a number of the size Grafana puts there, its duration variables a year, as they fit themselves to the scrape interval ($__rate_interval spans
 * four scrapes) and are no finding of the query's; an interval variable its shortest value, the one
 * that may span too few samples; a custom one, which outside a string is query text (a threshold, a
 * topk count), its first value (the value Grafana substitutes, not the text it shows).
 */
export function variableStandIns(variables: readonly Variable[]): Map<string, string> {
  const standIns = new Map<string, string>([...BUILTIN_DURATION_VARIABLES.map((name) => [name, '1y'] as const), ...BUILTIN_NUMBER_VARIABLES.map((name) => [name, STAND_IN_NUMBER] as const)]);
  for (const v of variables) {
    const shortest = v.type === 'interval' ? [...v.values].sort((a, b) => (parseDuration(a) ?? 0) - (parseDuration(b) ?? 0))[0] : undefined;
    const standIn = v.type === 'custom' ? v.values.map(optionOf)[0]?.value : shortest;
    if (standIn !== undefined) standIns.set(v.name, standIn);
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
 * The query as PromQL can parse it: outside strings, each variable `standIns` has (variableStandIns)
 * becomes its stand-in; inside strings (a matcher's value) every reference stays, since any text is
 * a valid string.
 */
export function substituteGrafanaVariables(expr: string, standIns: ReadonlyMap<string, string>): string {
  return mapOutsideStrings(expr, (code) => code.replace(REFERENCE, (reference: string, braced?: string, plain?: string, bracketed?: string) => standIns.get((braced ?? plain ?? bracketed)!) ?? reference));
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
