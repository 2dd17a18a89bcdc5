/**
 * A literal secret anywhere in the sources fails the build: secrets are environment references
 * only, so they never reach generated/, a review or a log. Three nets, because each misses what
 * the others catch: the source text of rules/ and dashboards/ (a secret in any string, comment or
 * test), the loaded SDK objects (a secret assembled at run time or read from process.env while
 * building), and every channel's credential fields (a literal cast past the type checker).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DASHBOARDS_DIR, RULES_DIR } from '../../sdk/conventions.ts';
import type { Receiver } from '../../sdk/notify/index.ts';
import { isEnvRef } from '../../sdk/notify/env.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { LoadedModule } from '../load.ts';

/** Secrets recognisable by their shape, in source text and in values alike. */
const SECRET_SHAPES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]+/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/ },
  { what: 'credentials in a URL', pattern: /\bhttps?:\/\/[^\s:@/'"`]+:[^\s@/'"`]+@/ },
  // ?token=..., &api_key=..., &X-Amz-Signature=...: a literal value, not a ${...} or {{ ... }} filled in later.
  { what: 'a credential in a URL query', pattern: /[?&](?:(?:access|auth|id|refresh|private|api|app|client|x-api|x-amz|x-goog)[_-]?)?(?:token|key|apikey|secret|password|passwd|pwd|sig|signature)=(?![$<{])[^&#\s'"`]{4,}/i },
  { what: 'an AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { what: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

const CREDENTIAL_NAME = 'password|passwd|secret|token|api_?key|auth_?token|bearer_?token|credentials';
/** `password: '...'` in source text: a credential-named field given a literal. */
const LITERAL_CREDENTIAL = new RegExp(`\\b(?:${CREDENTIAL_NAME})['"]?\\s*[:=]\\s*['"\`][^'"\`\\s]{4,}['"\`]`, 'i');
/** Object fields that hold credentials: a string there is a literal secret. */
const CREDENTIAL_FIELD = new RegExp(`^(?:${CREDENTIAL_NAME})$`, 'i');

const FIX = "use env('NAME') and set the variable where the notifier runs; rotate the secret if it was committed";
const MESSAGE = 'secrets are environment references only';

/** Any of the shapes, or a literal credential: one pass over clean text, which most text is. */
const ANY_SECRET = new RegExp([...SECRET_SHAPES.map((s) => s.pattern), LITERAL_CREDENTIAL].map((p) => `(?:${p.source})`).join('|'), 'i');
// Case-insensitive as a prefilter only: the shape that then names the secret keeps its own flags.
const ANY_SHAPE = new RegExp(SECRET_SHAPES.map((s) => `(?:${s.pattern.source})`).join('|'), 'i');

/** What secret a piece of text holds, if any. */
function secretIn(text: string): string | undefined {
  if (!ANY_SECRET.test(text)) return undefined;
  return SECRET_SHAPES.find(({ pattern }) => pattern.test(text))?.what ?? (LITERAL_CREDENTIAL.test(text) ? 'a literal password, token or key' : undefined);
}

function shapeIn(text: string): string | undefined {
  return ANY_SHAPE.test(text) ? SECRET_SHAPES.find(({ pattern }) => pattern.test(text))?.what : undefined;
}

/** Every .ts file under rules/ and dashboards/, rule tests included: a secret is no safer there. */
async function sourceFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const dir of [RULES_DIR, DASHBOARDS_DIR]) {
    const entries = await readdir(join(root, dir), { recursive: true }).catch(() => [] as string[]);
    files.push(...entries.filter((e) => e.endsWith('.ts')).map((e) => join(root, dir, e)));
  }
  return files.sort();
}

/**
 * Scans the sources' text line by line, then the values the modules export; a value is reported
 * only when it is not written out in the text, where the first scan has already named its line.
 */
export async function scanForSecrets(root: string, modules: readonly LoadedModule[], diagnostics: Diagnostics): Promise<void> {
  const files = await sourceFiles(root);
  // Read all at once: one by one, the waits add up to a tenth of a second over hundreds of files.
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  for (const [i, file] of files.entries()) {
    const text = texts[i]!;
    if (!ANY_SECRET.test(text)) continue;
    text.split('\n').forEach((line, index) => {
      const what = secretIn(line);
      if (what) diagnostics.error({ file, line: index + 1 }, `source ${relative(root, file)}`, `holds ${what}; ${MESSAGE}`, FIX);
    });
  }
  const written = (value: string) => texts.some((t) => t.includes(value));
  // One object may be reachable from many exports; it is scanned, and reported, once.
  const seen = new Set<object>();
  for (const module of modules) {
    if (!mayHoldSecret(module.exports)) continue;
    const where: Holder = { source: { file: module.file, line: 1 }, subject: `an export of ${relative(root, module.file)}` };
    for (const value of module.exports) scanValue(value, where, seen, (holder, what) => diagnostics.error(holder.source, holder.subject, `holds ${what}, though no source file spells it out (built or read while building?); ${MESSAGE}`, FIX), written);
  }
}

/** A credential-named field with a string value, in JSON. */
const CREDENTIAL_JSON = new RegExp(`"(?:${CREDENTIAL_NAME})":"[^"]{4,}"`, 'i');

/** A quick look at a module's exports as JSON, so only a suspect module is walked value by value. */
function mayHoldSecret(exports: readonly unknown[]): boolean {
  let json: string;
  try {
    json = JSON.stringify(exports);
  } catch {
    return true; // a cycle or a BigInt: walk it
  }
  return ANY_SHAPE.test(json) || CREDENTIAL_JSON.test(json);
}

/** The SDK object a value sits in, for messages. */
interface Holder {
  readonly source: SourceLocation;
  readonly subject: string;
}

function holderOf(value: object, outer: Holder): Holder {
  const { kind, name, source } = value as { kind?: unknown; name?: unknown; source?: SourceLocation };
  if (typeof kind !== 'string' || !source) return outer;
  return { source, subject: typeof name === 'string' ? `${kind} "${name}"` : kind };
}

function scanValue(value: unknown, holder: Holder, seen: Set<object>, report: (holder: Holder, what: string) => void, written: (text: string) => boolean, field?: string): void {
  if (typeof value === 'string') {
    const what = shapeIn(value) ?? (field && CREDENTIAL_FIELD.test(field) && value.length >= 4 ? `a literal ${field}` : undefined);
    if (what && !written(value)) report(holder, what);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const here = holderOf(value, holder);
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'source') scanValue(child, here, seen, report, written, Array.isArray(value) ? field : key);
  }
}

/** Credential fields must be EnvRefs even when a cast got a literal past the type checker. */
export function checkChannelSecrets(receivers: Iterable<Receiver>, diagnostics: Diagnostics): void {
  for (const receiver of receivers) {
    for (const channel of receiver.channels) {
      const fields: [string, unknown][] =
        channel.type === 'email' ? [['password', channel.password]] : channel.type === 'slack' ? [['webhookUrl', channel.webhookUrl]] : [['bearerToken', channel.bearerToken]];
      for (const [field, value] of fields) {
        if (value !== undefined && !isEnvRef(value)) diagnostics.error(receiver.source, `receiver ${JSON.stringify(receiver.name)}`, `${channel.type} ${field} is a literal value; ${MESSAGE}`, FIX);
      }
    }
  }
}
