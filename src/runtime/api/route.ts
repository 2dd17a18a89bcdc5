/** An endpoint of the API: a method and path, and what answers it with the path's captured parts. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ApiRoute {
  readonly method: string;
  readonly path: RegExp;
  /** Named in the invalid requests metric. */
  readonly name: string;
  readonly handle: (request: IncomingMessage, response: ServerResponse, url: URL, params: string[]) => Promise<void>;
}
