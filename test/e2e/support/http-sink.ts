/**
 * A local HTTP server standing in for Slack and webhook consumers: records every POST by path,
 * and can be told to fail (a status, a Retry-After) to play a receiver that is down, or to answer
 * late to play one that is slow.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  readonly path: string;
  readonly body: any;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly at: number;
}

export interface SinkFailure {
  readonly status: number;
  readonly retryAfter?: string;
}

export class HttpSink {
  readonly posts: ReceivedPost[] = [];
  /** Requests answered with a failure (they are not in `posts`). */
  refused = 0;
  /** Requests that were not a POST of JSON, answered 400. */
  readonly strays: string[] = [];
  private failure: SinkFailure | undefined;
  private answerAfterMs = 0;
  private readonly waiters = new Set<() => void>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HttpSink> {
    let sink: HttpSink | undefined;
    const server = createServer(async (request, response) => {
      let text = '';
      for await (const chunk of request) text += chunk;
      sink!.handle(request.method ?? 'GET', request.url ?? '/', text, request.headers, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sink = new HttpSink(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return sink;
  }

  private handle(method: string, path: string, text: string, headers: ReceivedPost['headers'], response: import('node:http').ServerResponse): void {
    // Not what a channel sends (a probe from a test that took this port for its own): answered, kept apart.
    let body: unknown;
    try {
      if (method !== 'POST') throw new Error(`${method}, not POST`);
      body = JSON.parse(text);
    } catch (error) {
      this.strays.push(`${method} ${path}: ${(error as Error).message}`);
      response.writeHead(400).end('not a JSON POST');
      return;
    }
    if (this.failure) {
      this.refused++;
      response.writeHead(this.failure.status, this.failure.retryAfter ? { 'retry-after': this.failure.retryAfter } : {}).end('down');
      return;
    }
    this.posts.push({ path, body, headers, at: Date.now() });
    if (this.answerAfterMs > 0) setTimeout(() => response.writeHead(200).end('ok'), this.answerAfterMs);
    else response.writeHead(200).end('ok');
    for (const wake of this.waiters) wake();
  }

  /** Answers every request with this failure until `recover()`. */
  fail(failure: SinkFailure): void {
    this.failure = failure;
  }

  /** Records each request at once and answers it `ms` later, until `recover()`. */
  answerAfter(ms: number): void {
    this.answerAfterMs = ms;
  }

  recover(): void {
    this.failure = undefined;
    this.answerAfterMs = 0;
  }

  to(path: string): ReceivedPost[] {
    return this.posts.filter((p) => p.path === path);
  }

  /** Resolves once `predicate` holds for the posts so far; rejects after `timeoutMs`. */
  waitFor(what: string, predicate: (posts: readonly ReceivedPost[]) => boolean, timeoutMs = 20_000): Promise<void> {
    if (predicate(this.posts)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.posts)) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got ${this.posts.length} post(s): ${this.summary()}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** The posts by path and status, counted: `/team firing 2, /team resolved 1`. */
  private summary(): string {
    const counts = new Map<string, number>();
    for (const p of this.posts) {
      const key = `${p.path} ${p.body?.status ?? ''}`.trim();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, n]) => `${key} ${n}`).join(', ');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
