/**
 * Checks the lists an SDK constructor receives for holes. A helper that forgets its `return` puts
 * `undefined` in a list; TypeScript says so, but the build must not crash on it deep in the
 * compiler: the constructor knows the object and the index, and the call site is the user's.
 */

const FORGOT_RETURN = 'did a helper forget to return?';

/**
 * Throws naming the owner, list and index of a missing entry, e.g.
 * `ruleGroup "sync": rules[3] is undefined; did a helper forget to return?`.
 * An `optional` list may itself be left out.
 */
export function requireEntries(owner: string, field: string, entries: readonly unknown[] | undefined, optional = false): void {
  if (entries === undefined && optional) return;
  if (!Array.isArray(entries)) throw new TypeError(`${owner}: ${field} is ${String(entries)}, not a list; ${FORGOT_RETURN}`);
  entries.forEach((entry, i) => {
    if (entry === undefined || entry === null) throw new TypeError(`${owner}: ${field}[${i}] is ${String(entry)}; ${FORGOT_RETURN}`);
  });
}
