import { relative } from 'node:path';
import type { SourceLocation } from '../sdk/source-location.ts';

/** A finding of the build: an error fails it, a warning is printed. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** Where: the source file and line of the object concerned. */
  readonly source: SourceLocation | undefined;
  /** What: `group "sync" alert "SyncErrorRateHigh"`, `metric "sync_errors_total"`. */
  readonly subject: string;
  /** What is wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

/** Collects diagnostics as the compiler goes; never throws, so every finding is reported at once. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(source: SourceLocation | undefined, subject: string, message: string, hint?: string): void {
    this.items.push({ severity: 'error', source, subject, message, ...(hint ? { hint } : {}) });
  }

  warn(source: SourceLocation | undefined, subject: string, message: string, hint?: string): void {
    this.items.push({ severity: 'warning', source, subject, message, ...(hint ? { hint } : {}) });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }
}

/** `rules/sync.rules.ts:42: error: group "sync" alert "X": message\n  hint: ...` */
export function formatDiagnostic(d: Diagnostic, root: string): string {
  const where = d.source ? `${relative(root, d.source.file)}:${d.source.line}: ` : '';
  const hint = d.hint ? `\n    ${d.hint.replace(/\n/g, '\n    ')}` : '';
  return `${where}${d.severity}: ${d.subject}: ${d.message}${hint}`;
}
