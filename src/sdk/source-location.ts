/** Where in a user's source file an SDK object was declared, so build errors can point at it. */
export interface SourceLocation {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

/** Maps a position in generated JavaScript back to the TypeScript the user wrote. */
export type SourceMapper = (file: string, line: number, column: number) => SourceLocation | undefined;

interface CallSiteFrame {
  getFileName(): string | undefined | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

// V8's stack API, typed here so a user project type-checks the SDK without Node's types.
const v8 = Error as unknown as {
  stackTraceLimit: number;
  prepareStackTrace?: (error: Error, frames: CallSiteFrame[]) => unknown;
  captureStackTrace(target: object, above: Function): void;
};

const paths = new Map<string, string>();

/**
 * A file: URL as a path; plain string work, so the SDK needs no Node types. Remembered, as every
 * declaration of a file asks for the same one.
 */
function urlToPath(url: string): string {
  let path = paths.get(url);
  if (path === undefined) paths.set(url, (path = decodeURIComponent(url.replace(/^file:\/\//, ''))));
  return path;
}

const SDK_DIR = urlToPath((import.meta as { url: string }).url).replace(/[^/]*$/, '');

/**
 * The compiler's mapper, held on globalThis: the sources it runs are bundled with their own copy of
 * the SDK, which must find the mapper the compiler's copy installed, and which cannot tell its own
 * files from import.meta.url (inside the bundle that is the bundle's URL).
 */
const MAPPER = Symbol.for('alertforge.sourceMapper');
interface Registration {
  readonly map: SourceMapper;
  /** The SDK's real directory: frames there are the SDK's, not the user's. */
  readonly sdkDir: string;
}
const registry = globalThis as { [MAPPER]?: Registration };

/** Installs the compiler's mapper while it runs bundled sources; undefined removes it. */
export function setSourceMapper(map: SourceMapper | undefined): void {
  registry[MAPPER] = map ? { map, sdkDir: SDK_DIR } : undefined;
}

/** Frames to read first: the SDK function that asks and its caller, nearly always the user. */
const USUAL_DEPTH = 2;
/** An SDK function called by another (an SLO making its rule groups) puts the user further up. */
const MAX_DEPTH = 12;
const structured = (_error: Error, frames: CallSiteFrame[]): CallSiteFrame[] => frames;

/**
 * The first stack frame outside the SDK: the user's call. Reads V8's structured frames rather
 * than a formatted stack, which costs a source-map lookup per frame and adds up over 10,000 rules;
 * and only as many frames as it takes, as each one captured costs too.
 */
export function callSite(): SourceLocation | undefined {
  return userFrame(USUAL_DEPTH) ?? userFrame(MAX_DEPTH);
}

function userFrame(depth: number): SourceLocation | undefined {
  const previous = v8.prepareStackTrace;
  const limit = v8.stackTraceLimit;
  const holder: { stack?: CallSiteFrame[] } = {};
  const registration = registry[MAPPER];
  const sdkDir = registration?.sdkDir ?? SDK_DIR;
  v8.prepareStackTrace = structured;
  v8.stackTraceLimit = depth;
  try {
    // Frames from callSite's caller on: callSite and this function are left out.
    v8.captureStackTrace(holder, callSite);
    for (const frame of holder.stack ?? []) {
      const name = frame.getFileName();
      if (!name || !(name.startsWith('/') || name.startsWith('file://'))) continue;
      const file = urlToPath(name);
      const line = frame.getLineNumber() ?? 1;
      const location = registration?.map(file, line, frame.getColumnNumber() ?? 1) ?? { file, line };
      if (location.file.startsWith(sdkDir) || location.file.includes('/node_modules/')) continue;
      return location;
    }
    return undefined;
  } finally {
    v8.prepareStackTrace = previous;
    v8.stackTraceLimit = limit;
  }
}
