/** Where in a user's source file an SDK object was declared, so build errors can point at it. */
export interface SourceLocation {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

/** A file: URL as a path; plain string work, so the SDK needs no Node types to type-check. */
function urlToPath(url: string): string {
  return decodeURIComponent(url.replace(/^file:\/\//, ''));
}

const SDK_DIR = urlToPath((import.meta as { url: string }).url).replace(/[^/]*$/, '');

/**
 * The first stack frame outside the SDK: the user's call. tsx installs source maps, so the line is
 * the TypeScript line the user wrote.
 */
export function callSite(): SourceLocation | undefined {
  // V8's stack API, typed here so a user project type-checks the SDK without Node's types.
  const v8 = Error as unknown as { stackTraceLimit: number; captureStackTrace(target: object, above: Function): void };
  const holder: { stack?: string } = {};
  const limit = v8.stackTraceLimit;
  v8.stackTraceLimit = 20;
  v8.captureStackTrace(holder, callSite);
  v8.stackTraceLimit = limit;
  for (const frame of (holder.stack ?? '').split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(frame);
    if (!match) continue;
    const file = urlToPath(match[1]!);
    if (file.startsWith(SDK_DIR) || file.includes('/node_modules/')) continue;
    return { file, line: Number(match[2]) };
  }
  return undefined;
}
