/**
 * The compiler's one entry point: type-check (in parallel), load, validate, analyze, emit. Writing
 * and drift checks are the caller's choice, so `build`, `build --check` and `check` share it.
 */
import { relative } from 'node:path';
import { Diagnostics } from './diagnostics.ts';
import type { GeneratedFile } from './emit/generated-file.ts';
import { findSources, LoadError, loadModules, type LoadedModule } from './load.ts';
import type { Project } from './project.ts';
import { findRuleTests } from './rule-tests/find.ts';
import { typecheck, type TypecheckResult } from './typecheck.ts';

export interface CompileOptions {
  /** Run tsc over the sources. Default true. */
  readonly typecheck?: boolean;
}

export interface CompileResult {
  readonly diagnostics: Diagnostics;
  /** tsc's result, when it ran. */
  readonly types: TypecheckResult | undefined;
  /** The validated project; undefined when a module could not be loaded. */
  readonly project: Project | undefined;
  /** What the emitters produced; empty when there were errors. */
  readonly files: readonly GeneratedFile[];
}

/** Reports a source module that cannot be loaded; anything else is the compiler's own failure. */
function loadFailed(error: unknown, root: string, diagnostics: Diagnostics): undefined {
  if (!(error instanceof LoadError)) throw error;
  const cause = error.cause instanceof Error ? error.cause : new Error(String(error.cause));
  diagnostics.error({ file: error.file, line: error.line ?? 1 }, `module ${relative(root, error.file) || '.'}`, `failed to load: ${cause.message}`);
  return undefined;
}

/**
 * Loads and validates the project at `root`, without emitting. The compiler's own modules for
 * that load while esbuild bundles the sources in its process: a quarter of a second of each.
 */
export async function loadProject(root: string, diagnostics: Diagnostics): Promise<Project | undefined> {
  // Rule tests load with the sources, in one bundle, so they see the very rules they test.
  const files = [...(await findSources(root)), ...(await findRuleTests(root))];
  const [modules, { analyzeProject }] = await Promise.all([
    loadModules(files, root).catch((error: unknown): LoadedModule[] | undefined => loadFailed(error, root, diagnostics)),
    import('./analyze-project.ts'),
  ]);
  return modules && analyzeProject(root, modules, diagnostics);
}

export async function compile(root: string, options: CompileOptions = {}): Promise<CompileResult> {
  const types = options.typecheck === false ? undefined : typecheck(root);
  // Needed only once the project is loaded: they load meanwhile.
  const later = Promise.all([import('./lint/lint.ts'), import('./emit/index.ts')]);
  const diagnostics = new Diagnostics();
  const project = await loadProject(root, diagnostics);
  const [{ lintProject }, { EMITTERS }] = await later;
  if (project) lintProject(project, diagnostics);
  const files = project && diagnostics.errors.length === 0 ? EMITTERS.flatMap((emit) => emit(project)) : [];
  return { diagnostics, types: await types, project, files };
}

/** True when the build may write: no type errors and no error diagnostics. */
export function succeeded(result: CompileResult): boolean {
  return result.diagnostics.errors.length === 0 && (result.types?.ok ?? true) && result.project !== undefined;
}
