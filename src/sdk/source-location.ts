import { fileURLToPath } from 'node:url';

/** Where in a user's source file an SDK object was declared, so build errors can point at it. */
export interface SourceLocation {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

const SDK_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * The first stack frame outside the SDK: the user's call. tsx installs source maps, so the line is
 * the TypeScript line the user wrote.
 */
export function callSite(): SourceLocation | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 20;
  Error.captureStackTrace(holder, callSite);
  Error.stackTraceLimit = limit;
  for (const frame of (holder.stack ?? '').split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(frame);
    if (!match) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (file.startsWith(SDK_DIR) || file.includes('/node_modules/')) continue;
    return { file, line: Number(match[2]) };
  }
  return undefined;
}
