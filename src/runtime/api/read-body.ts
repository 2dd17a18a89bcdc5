/** Request bodies: read up to a limit, parsed as JSON, validated with zod, every refusal a 4xx. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { parseJsonAsGo } from '../model/go-json.ts';
import { HttpError } from './http-error.ts';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Reads the body, as bytes: the ingest log keeps them as they are. With events, not an async
 * iterator: the iterator cost a tenth of handling an ingest request.
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `body: larger than the limit of ${limit} bytes`);
  if (Number(request.headers['content-length']) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A client gone mid-body (node's 'aborted') is the client's doing, not an internal error.
    const cutShort = () => reject(new HttpError(400, 'body: the connection closed before all of it arrived'));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= limit) return;
      // The rest is drained unread by whoever answers the 413.
      request.off('data', onData).off('end', onEnd).off('error', cutShort);
      reject(tooLarge());
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    request.on('data', onData).on('end', onEnd).on('error', cutShort);
    request.once('close', () => {
      if (!request.complete) cutShort();
    });
  });
}

/** A zod issue path as a field name: `[3].labels.alertname`. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'body';
}

/** A body already read, parsed as JSON (as Alertmanager parses it) and validated; every refusal a 400 naming the field. */
export function parseJson<T extends z.ZodType>(text: string, schema: T): z.infer<T> {
  let json: unknown;
  try {
    json = parseJsonAsGo(text);
  } catch (error) {
    throw new HttpError(400, `body: not JSON (${(error as Error).message})`);
  }
  return validated(json, schema);
}

/** A value read from a request, validated; a refusal is a 400 naming the field. */
export function validated<T extends z.ZodType>(value: unknown, schema: T): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(400, `${fieldName(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Refuses a body not declared JSON with a 415, as Alertmanager does. A web page can make a browser
 * post text/plain or a form to any address without asking, so it could otherwise write alerts or
 * silences here; application/json it cannot send across sites unless the server allows it (CORS).
 */
export function requireJson(request: IncomingMessage): void {
  const type = request.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, `Content-Type: ${type ? JSON.stringify(type) : 'missing'}; only application/json is taken`);
}

export async function readJson<T extends z.ZodType>(request: IncomingMessage, schema: T, limit = MAX_BODY_BYTES): Promise<z.infer<T>> {
  requireJson(request);
  return parseJson((await readBody(request, limit)).toString('utf8'), schema);
}
