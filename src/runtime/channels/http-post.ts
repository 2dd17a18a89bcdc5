/**
 * One JSON POST through undici, with a deadline, read to the end so the connection is reused.
 *
 * It dispatches with a handler of its own rather than calling `request()`, which wraps every
 * answer in a Readable stream, an async resource and promises: sending a burst of a thousand
 * messages cost a quarter more CPU that way, and all the channels need is the status, one header
 * and the start of the body.
 */
import { Agent, type Dispatcher } from 'undici';
import type { DeliveryOutcome } from './channel.ts';
import { httpOutcome, requestErrorOutcome } from './http-outcome.ts';
import { redacted, requestSecrets, urlDecoded } from './request-secrets.ts';

export const HTTP_TIMEOUT_MS = 10_000;

/** Of an answer's body, what is kept for the error a failure reports; the rest is read and dropped. */
export const KEPT_BODY_BYTES = 4096;

interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Where a URL sends requests, parsed once per URL: the channels post to a few URLs again and again. */
interface Target {
  readonly origin: string;
  readonly path: string;
  /** Basic credentials from the URL's user and password, sent as Go's HTTP client (Alertmanager's) sends them. */
  readonly authorization: string | undefined;
}

/** URLs remembered at most: one a channel, so only a config with a URL per alert would reach it. */
const MAX_TARGETS = 1000;

export class HttpPoster {
  private readonly agent = new Agent({ headersTimeout: HTTP_TIMEOUT_MS, bodyTimeout: HTTP_TIMEOUT_MS, connectTimeout: HTTP_TIMEOUT_MS });
  private readonly targets = new Map<string, Target>();

  postJson(url: string, payload: unknown, headers: Record<string, string>, now: number): Promise<DeliveryOutcome> {
    return this.post(url, JSON.stringify(payload), headers, now);
  }

  /** A body already serialized as JSON. */
  async post(url: string, json: string, headers: Record<string, string>, now: number): Promise<DeliveryOutcome> {
    // What the request carried, its URL's Basic credentials as sent too; redacted before an
    // answer is cut to the start kept, where a secret cut in two would no longer be found.
    const secrets = () => requestSecrets(url, this.headersSent(url, headers));
    try {
      const answer = await this.exchange(url, 'POST', json, { 'content-type': 'application/json', 'user-agent': 'alertforge-notifier', ...headers });
      const delivered = answer.statusCode >= 200 && answer.statusCode < 300;
      return httpOutcome(answer.statusCode, answer.headers, delivered ? '' : redacted(answer.body, secrets()), now);
    } catch (error) {
      const outcome = requestErrorOutcome(error);
      return { ...outcome, error: redacted(outcome.error, secrets()) };
    }
  }

  /**
   * One GET to `url` (the notifier's own /-/healthy), at startup: undici compiles its HTTP parser
   * (WebAssembly) on first use, which otherwise fell on the first burst of messages: about a fifth
   * of the CPU that sending the first thousand took.
   */
  async warmUp(url: string): Promise<void> {
    await this.exchange(url, 'GET', undefined, {});
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private target(url: string): Target {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      const credentials = parsed.username || parsed.password ? `${urlDecoded(parsed.username)}:${urlDecoded(parsed.password)}` : undefined;
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}`, authorization: credentials && `Basic ${Buffer.from(credentials).toString('base64')}` };
      if (this.targets.size >= MAX_TARGETS) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }

  /** The headers a request to `url` goes with: a header the channel sets (a bearer token) wins over the URL's credentials, as in Go. */
  private headersSent(url: string, headers: Record<string, string>): Record<string, string> {
    const { authorization } = this.target(url);
    return authorization && headers.authorization === undefined ? { ...headers, authorization } : headers;
  }

  private exchange(url: string, method: 'GET' | 'POST', body: string | undefined, headers: Record<string, string>): Promise<Answer> {
    const { origin, path } = this.target(url);
    const sent = this.headersSent(url, headers);
    return new Promise((resolve, reject) => {
      let statusCode = 0;
      let answerHeaders: Answer['headers'] = {};
      const kept: Buffer[] = [];
      let keptBytes = 0;
      const handler: Dispatcher.DispatchHandler = {
        // undici tells handlers of this interface by this method; without it, none is called.
        onRequestStart() {},
        onResponseStart(_controller, status, responseHeaders) {
          // An informational answer (1xx) is followed by the real one.
          if (status < 200) return;
          statusCode = status;
          answerHeaders = responseHeaders;
        },
        onResponseData(_controller, chunk) {
          if (keptBytes >= KEPT_BODY_BYTES) return;
          kept.push(chunk);
          keptBytes += chunk.length;
        },
        onResponseEnd() {
          const text = kept.length === 0 ? '' : Buffer.concat(kept, keptBytes).toString('utf8', 0, Math.min(keptBytes, KEPT_BODY_BYTES));
          resolve({ statusCode, headers: answerHeaders, body: text });
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      };
      this.agent.dispatch({ origin, path, method, headers: sent, ...(body !== undefined && { body }) }, handler);
    });
  }
}
