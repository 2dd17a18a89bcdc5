/**
 * Finds the project's source modules (rules/ and dashboards/) and imports them. Every export is
 * kept with the file it came from, so each part of the compiler picks the SDK objects of its kind
 * and can name the file in its messages.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DASHBOARDS_DIR, RULES_DIR } from '../sdk/conventions.ts';

export interface LoadedModule {
  /** Absolute path. */
  readonly file: string;
  /** The module's exported values, arrays flattened. */
  readonly exports: readonly unknown[];
}

/** Thrown when a source module cannot be imported; carries the file. */
export class LoadError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`cannot load ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Source files of a project: rules/**\/*.ts and dashboards/**\/*.ts, rule tests excluded, sorted. */
export async function findSources(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const dir of [RULES_DIR, DASHBOARDS_DIR]) {
    let entries: string[];
    try {
      entries = await readdir(join(root, dir), { recursive: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts')) files.push(join(root, dir, entry));
    }
  }
  return files.sort();
}

/** Imports each file (the CLI runs under tsx, so TypeScript loads directly). */
export async function loadModules(files: readonly string[]): Promise<LoadedModule[]> {
  const modules: LoadedModule[] = [];
  for (const file of files) {
    let namespace: Record<string, unknown>;
    try {
      namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      throw new LoadError(file, error);
    }
    const exports = Object.values(namespace).flatMap((value) => (Array.isArray(value) ? value : [value]));
    modules.push({ file, exports });
  }
  return modules;
}

/** An SDK object with the file whose exports first held it. */
export interface Sourced<T> {
  readonly value: T;
  readonly file: string;
}

/**
 * The exported objects of one kind across all modules, each once (a metric re-exported by several
 * files belongs to the first file that exports it), in file order.
 */
export function collect<T>(modules: readonly LoadedModule[], is: (value: unknown) => value is T): Sourced<T>[] {
  const seen = new Set<unknown>();
  const out: Sourced<T>[] = [];
  for (const module of modules) {
    for (const value of module.exports) {
      if (is(value) && !seen.has(value)) {
        seen.add(value);
        out.push({ value, file: module.file });
      }
    }
  }
  return out;
}

/** True for an SDK object whose `kind` is `kind`. */
export function isKind<T extends { readonly kind: string }>(kind: T['kind']) {
  return (value: unknown): value is T => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}
