import type { CompileResult } from '../compiler/build.ts';
import { formatDiagnostic } from '../compiler/diagnostics.ts';
import type { CommandIO } from './command.ts';

/** Prints type errors, then errors and warnings, each with file, object and fix. */
export function reportCompile(result: CompileResult, root: string, io: CommandIO): void {
  if (result.types && !result.types.ok) io.err(`TypeScript found errors in the sources:\n${result.types.output}\n\n`);
  for (const d of result.diagnostics.items) io.err(`${formatDiagnostic(d, root)}\n`);
  const errors = result.diagnostics.errors.length;
  const warnings = result.diagnostics.warnings.length;
  if (errors || warnings) io.err(`\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
}
