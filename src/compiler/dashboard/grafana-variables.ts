/**
 * Grafana's variable references in a query (`$connector`, `${connector:regex}`, `[[connector]]`),
 * found for checking and stood in for so that PromQL can parse the query.
 */

const REFERENCE = /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-zA-Z]+)?\}|\$([a-zA-Z_][a-zA-Z0-9_]*)|\[\[([a-zA-Z_][a-zA-Z0-9_]*)\]\]/g;

/** Names of the variables a query refers to, in order of first use. */
export function variableReferences(expr: string): string[] {
  return [...new Set([...expr.matchAll(REFERENCE)].map((m) => (m[1] ?? m[2] ?? m[3])!))];
}

/**
 * The query as PromQL can parse it: a variable in a range or as a duration becomes `5m`; one inside
 * a string (a matcher's value) stays, since any text is a valid string.
 */
export function substituteGrafanaVariables(expr: string): string {
  return expr
    .replace(/\[\s*(?:\$\{[a-zA-Z_][a-zA-Z0-9_]*(?::[a-zA-Z]+)?\}|\$[a-zA-Z_][a-zA-Z0-9_]*|\[\[[a-zA-Z_][a-zA-Z0-9_]*\]\])\s*\]/g, '[5m]')
    .replace(/\$\{?__[a-zA-Z_]+\}?/g, '5m');
}
