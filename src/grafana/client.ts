/**
 * A small client for Grafana's documented HTTP API (search, folders, dashboards by uid,
 * datasources), over undici. 5xx answers and connection errors are retried with exponential
 * backoff; 401, 403, 404 and 412 become a GrafanaError carrying Grafana's own message and a hint.
 */
import { request } from 'undici';
import { z } from 'zod';

export type GrafanaAuth = { readonly token: string } | { readonly user: string; readonly password: string };

export interface GrafanaClientOptions {
  /** Attempts for a request that fails with 5xx or a connection error. Default 4. */
  readonly attempts?: number;
  /** First backoff delay in ms, doubled each retry. Default 250. */
  readonly backoffMs?: number;
}

const HINTS: Readonly<Record<number, string>> = {
  401: 'check GRAFANA_TOKEN (a service account token) or GRAFANA_USER and GRAFANA_PASSWORD',
  403: 'the token lacks permission: it needs the Editor role on the folder (Admin to create datasources)',
  404: 'check --url points at Grafana itself (with its sub-path, if it is served under one)',
  412: 'another dashboard holds this title in the folder, or it was changed in Grafana since: rename it, or delete the other one',
};

export class GrafanaError extends Error {
  constructor(
    readonly status: number,
    readonly grafanaMessage: string,
    readonly hint: string | undefined,
    what: string,
  ) {
    super(`${what}: Grafana answered ${status}: ${grafanaMessage}${hint ? `\n  hint: ${hint}` : ''}`);
  }
}

const messageSchema = z.object({ message: z.string() }).partial();

export class GrafanaClient {
  private readonly base: string;
  private readonly authorization: string;
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(url: string, auth: GrafanaAuth, options: GrafanaClientOptions = {}) {
    this.base = url.replace(/\/+$/, '');
    this.authorization = 'token' in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 250;
  }

  /** JSON from Grafana, or undefined for a 404 when `missingOk`. */
  async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, missingOk = false): Promise<unknown> {
    const what = `${method} ${path}`;
    for (let attempt = 1; ; attempt++) {
      let status: number;
      let text: string;
      try {
        const response = await request(`${this.base}${path}`, {
          method,
          headers: { authorization: this.authorization, 'content-type': 'application/json', accept: 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        status = response.statusCode;
        text = await response.body.text();
      } catch (error) {
        if (attempt >= this.attempts) throw new Error(`${what}: cannot reach Grafana at ${this.base}: ${(error as Error).message}`);
        await this.backoff(attempt);
        continue;
      }
      if (status >= 500 && attempt < this.attempts) {
        await this.backoff(attempt);
        continue;
      }
      if (status === 404 && missingOk) return undefined;
      if (status >= 400) {
        let message = text.trim() || `HTTP ${status}`;
        try {
          message = messageSchema.parse(JSON.parse(text)).message ?? message;
        } catch {
          // Not JSON: keep the text.
        }
        throw new GrafanaError(status, message, HINTS[status], what);
      }
      return text ? (JSON.parse(text) as unknown) : undefined;
    }
  }

  private backoff(attempt: number): Promise<void> {
    // Exponential with jitter, so retries from several deploys do not line up.
    const delay = this.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
    return new Promise((resolve) => setTimeout(resolve, delay));
  }
}
