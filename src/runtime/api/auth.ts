/** Bearer tokens for the write endpoints, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** Hashing first gives equal lengths, so the comparison leaks nothing about the token's length either. */
const digest = (text: string) => createHash('sha256').update(text).digest();

export class BearerAuth {
  private readonly expected: Buffer | undefined;

  constructor(token: string | undefined) {
    this.expected = token ? digest(token) : undefined;
  }

  /** False when no token is configured: then the write endpoints are open. */
  get enabled(): boolean {
    return this.expected !== undefined;
  }

  isAuthorized(request: IncomingMessage): boolean {
    if (!this.expected) return true;
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]!.trim()), this.expected);
  }

  require(request: IncomingMessage): void {
    if (!this.isAuthorized(request)) throw new HttpError(401, 'authorization: a valid bearer token (ALERTFORGE_API_TOKEN) is required');
  }
}
