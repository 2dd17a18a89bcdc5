/**
 * Regex matchers as Alertmanager reads them: RE2 syntax (Go's regexp: `(?i)` and `[[:alpha:]]`
 * work, lookarounds and backreferences do not), anchored at both ends, matched in time linear in
 * the value. JavaScript's RegExp backtracks: a silence `(a+)+$` posted over the API held the event
 * loop for minutes on a 30-character label value, and nothing was delivered meanwhile.
 */
import { RE2JS } from 're2js';

/** Compiled regexes by source: matched for every alert routed, silenced or inhibited. */
const compiled = new Map<string, RE2JS>();
/** Sources kept compiled: silences come and go over the API, so the cache must not grow for ever. */
const COMPILED_KEPT = 1000;

function compile(source: string): RE2JS {
  let regex = compiled.get(source);
  if (!regex) {
    if (compiled.size >= COMPILED_KEPT) compiled.clear();
    regex = RE2JS.compile(source);
    compiled.set(source, regex);
  }
  return regex;
}

/** Why `source` is not an RE2 regex, in Go's words; undefined when it is one. */
export function regexError(source: string): string | undefined {
  try {
    compile(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Whether the whole of `value` matches, as Alertmanager's `^(?:source)$`; `source` is one regexError accepts. */
export function regexMatches(source: string, value: string): boolean {
  return compile(source).testExact(value);
}
