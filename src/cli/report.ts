import type { CompileResult } from '../compiler/build.ts';
import { formatDiagnostic } from '../compiler/diagnostics.ts';
import type { CommandIO } from './command.ts';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Prints type errors, then errors and warnings, each with file, object and fix, then how many of each. */
export function reportCompile(result: CompileResult, root: string, io: CommandIO): void {
  const failedTypes = result.types && !result.types.ok ? result.types : undefined;
  if (failedTypes) io.err(`TypeScript found errors in the sources:\n${failedTypes.output}\n\n`);
  for (const d of result.diagnostics.items) io.err(`${formatDiagnostic(d, root)}\n`);
  // tsc prints `file(line,col): error TS2322: ...` per error; a failure it printed none for is one.
  const typeErrors = failedTypes ? Math.max(1, failedTypes.output.match(/: error TS\d+:/g)?.length ?? 0) : 0;
  const errors = result.diagnostics.errors.length + typeErrors;
  const warnings = result.diagnostics.warnings.length;
  const fromTypes = typeErrors ? ` (${typeErrors} from TypeScript)` : '';
  if (errors || warnings) io.err(`\n${plural(errors, 'error')}${fromTypes}, ${plural(warnings, 'warning')}\n`);
}
