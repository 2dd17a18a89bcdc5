/**
 * Finds the project's source modules (rules/ and dashboards/) and imports them. Every export is
 * kept with the file it came from, so each part of the compiler picks the SDK objects of its kind
 * and can name the file in its messages.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { recordDeclarations } from '../sdk/declarations.ts';
import { setSourceMapper, type SourceLocation } from '../sdk/source-location.ts';
import { DASHBOARDS_DIR, RULES_DIR } from '../sdk/conventions.ts';
import { BundleSourceMap, type SourceMapPayload } from './source-map.ts';

export interface LoadedModule {
  /** Absolute path. */
  readonly file: string;
  /** The module's exported values, arrays flattened. */
  readonly exports: readonly unknown[];
  /**
   * The SDK objects declared while the module loaded: its own, and those of the modules it
   * imported that had not loaded yet. Across all modules, every declaration the sources made.
   */
  readonly declared: readonly object[];
}

/** Thrown when a source module cannot be imported; carries the file. */
export class LoadError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
    readonly line?: number,
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

/** Where the compiler keeps what it derives from the sources (the bundle, tsc's config). */
export function cacheDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'alertforge');
}

const SDK_IMPORT = /^alertforge(\/.*)?$/;
const SDK_DIR = fileURLToPath(new URL('../sdk/', import.meta.url));
const SDK_DEPENDENCY = Symbol('sdk-dependency');

/**
 * Resolves `alertforge` to this SDK even when this checkout is the SDK itself (a package cannot
 * import itself by name from inside node_modules/.cache, where the bundle runs). The SDK is
 * bundled with the sources, so the bundle runs on plain Node, also under test runners.
 */
const sdkResolver: Plugin = {
  name: 'alertforge-sdk',
  setup(build) {
    build.onResolve({ filter: SDK_IMPORT }, (args) => ({ path: fileURLToPath(import.meta.resolve(args.path)) }));
    // The SDK's own dependencies are bundled too: a user project need not (and a fixture cannot)
    // resolve them from where the bundle runs.
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (!args.importer.startsWith(SDK_DIR) || args.pluginData === SDK_DEPENDENCY || args.path.startsWith('node:')) return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: SDK_DEPENDENCY });
      return found.errors.length ? undefined : { path: found.path };
    });
  },
};

/**
 * Imports every file at once: esbuild bundles them into one module (with a source map, so stack
 * traces and declaration sites name the original files and lines), then a single import runs it.
 * Importing hundreds of files one by one through a TypeScript loader costs seconds; this, a fraction.
 */
export async function loadModules(files: readonly string[], root = process.cwd()): Promise<LoadedModule[]> {
  if (files.length === 0) return [];
  // Dynamic imports make esbuild wrap each file's top level in its own function: a stack frame in
  // one huge hoisted top level costs V8 a scan of its whole position table, O(n²) over 10,000 rules.
  const entry = `export const modules = [${files.map((file) => `() => import(${JSON.stringify(file)})`).join(', ')}];`;
  let code: string;
  let map: BundleSourceMap;
  try {
    const result = await build({
      stdin: { contents: entry, resolveDir: root, sourcefile: 'alertforge-sources.ts', loader: 'ts' },
      absWorkingDir: root, outfile: join(cacheDir(root), 'sources.mjs'),
      bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', sourcemap: 'external', sourcesContent: false,
      write: false, logLevel: 'silent', plugins: [sdkResolver],
    });
    const output = (suffix: string) => result.outputFiles.find((f) => f.path.endsWith(suffix))!.text;
    code = output('.mjs').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
    map = new BundleSourceMap(JSON.parse(output('.mjs.map')) as SourceMapPayload);
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors?.[0];
    throw new LoadError(first?.location ? resolve(root, first.location.file) : root, new Error(first?.text ?? String(error)), first?.location?.line);
  }
  const dir = cacheDir(root);
  await mkdir(dir, { recursive: true });
  const bundle = join(dir, `sources-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  // One path per source file, not one resolve() per declaration: this runs for every rule.
  const sourcePaths = new Map<string, string>();
  const toSource = (file: string, line: number, column: number): SourceLocation | undefined => {
    if (file !== bundle && file !== bundleReal) return undefined;
    const original = map.find(line - 1, column - 1);
    if (!original) return undefined;
    let path = sourcePaths.get(original.source);
    if (path === undefined) sourcePaths.set(original.source, (path = resolve(dir, urlToPathMaybe(original.source))));
    return { file: path, line: original.line + 1 };
  };
  await writeFile(bundle, code);
  // Node names the bundle by its real path in stack frames: node_modules may be a symlink.
  const bundleReal = await realpath(bundle);
  setSourceMapper(toSource);
  const loaded: { namespace: Record<string, unknown>; declared: object[] }[] = [];
  try {
    const { modules } = (await import(pathToFileURL(bundle).href)) as { modules: (() => Promise<Record<string, unknown>>)[] };
    for (const load of modules) {
      const { result: namespace, declared } = await recordDeclarations(load);
      loaded.push({ namespace, declared });
    }
  } catch (error) {
    const frames = ((error as Error).stack ?? '').split('\n').map((l) => /\(?(?:file:\/\/)?(\/[^()\s]+):(\d+):(\d+)\)?$/.exec(l));
    const sources = frames.map((m) => m && (toSource(m[1]!, Number(m[2]), Number(m[3])) ?? (files.includes(m[1]!) ? { file: m[1]!, line: Number(m[2]) } : undefined)));
    // The user's line rather than the SDK's: an SDK constructor throws when refusing its arguments.
    const origin = sources.find((s) => s && !s.file.startsWith(SDK_DIR) && !s.file.includes('/node_modules/')) ?? sources.find((s) => s);
    throw new LoadError(origin?.file ?? root, error, origin?.line);
  } finally {
    setSourceMapper(undefined);
    await rm(bundle, { force: true });
  }
  return files.map((file, i) => ({
    file,
    exports: Object.values(loaded[i]?.namespace ?? {}).flatMap((value) => (Array.isArray(value) ? value : [value])),
    declared: loaded[i]?.declared ?? [],
  }));
}

function urlToPathMaybe(source: string): string {
  return source.startsWith('file://') ? fileURLToPath(source) : source;
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
