/**
 * The SDK objects declared while the compiler loads a project, so it can name those that no export
 * reaches: a forgotten `export` would otherwise drop a rule group or dashboard without a word.
 */

/**
 * Held on globalThis, as the source mapper is: the sources run bundled with their own copy of the
 * SDK, whose declarations the compiler's copy must see.
 */
const RECORDING = Symbol.for('alertforge.declarations');
const registry = globalThis as { [RECORDING]?: object[] };

/** Notes an SDK object as declared when the compiler is recording; returns it. */
export function noteDeclared<T extends object>(value: T): T {
  registry[RECORDING]?.push(value);
  return value;
}

/** Runs `load` noting every declaration it makes; outside it, declarations go unnoted. */
export async function recordDeclarations<T>(load: () => Promise<T>): Promise<{ result: T; declared: object[] }> {
  const declared: object[] = [];
  const previous = registry[RECORDING];
  registry[RECORDING] = declared;
  try {
    return { result: await load(), declared };
  } finally {
    registry[RECORDING] = previous;
  }
}
