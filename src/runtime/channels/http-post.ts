/** One JSON POST through undici, with a deadline, read to the end so the connection is reused. */
import { Agent, request } from 'undici';
import type { DeliveryOutcome } from './channel.ts';
import { httpOutcome, requestErrorOutcome } from './http-outcome.ts';

export const HTTP_TIMEOUT_MS = 10_000;

export class HttpPoster {
  private readonly agent = new Agent({ headersTimeout: HTTP_TIMEOUT_MS, bodyTimeout: HTTP_TIMEOUT_MS, connectTimeout: HTTP_TIMEOUT_MS });

  postJson(url: string, payload: unknown, headers: Record<string, string>, now: number): Promise<DeliveryOutcome> {
    return this.post(url, JSON.stringify(payload), headers, now);
  }

  /** A body already serialized as JSON. */
  async post(url: string, json: string, headers: Record<string, string>, now: number): Promise<DeliveryOutcome> {
    try {
      const response = await request(url, {
        method: 'POST',
        body: json,
        headers: { 'content-type': 'application/json', 'user-agent': 'alertforge-notifier', ...headers },
        dispatcher: this.agent,
      });
      const body = await response.body.text();
      return httpOutcome(response.statusCode, response.headers, body, now);
    } catch (error) {
      return requestErrorOutcome(error);
    }
  }

  /**
   * One GET to `url` (the notifier's own /-/healthy), at startup: undici compiles its HTTP parser
   * (WebAssembly) on first use, which otherwise fell on the first burst of messages: about a fifth
   * of the CPU that sending the first thousand took.
   */
  async warmUp(url: string): Promise<void> {
    const response = await request(url, { dispatcher: this.agent });
    await response.body.text();
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
