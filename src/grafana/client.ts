/**
 * HTTP to Grafana over undici: JSON in and out, answers validated with zod at this edge. 5xx
 * answers and connection errors are retried with exponential backoff; a write that is not
 * idempotent is first read back, as Grafana may have done it before its answer was lost. An
 * answer Grafana refuses becomes a GrafanaError carrying Grafana's own message and a hint at what
 * to do.
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

/** What to do about each refusal; for 412, by the `status` Grafana gives with it. */
const HINTS: Readonly<Record<string, string>> = {
  401: 'check GRAFANA_TOKEN (a service account token), or GRAFANA_USER and GRAFANA_PASSWORD',
  403: 'the account lacks a permission: it needs the Editor role on the folder, and Admin to create or change datasources',
  404: 'check that --url is Grafana itself, with its sub-path if it is served under one',
  409: 'Grafana already has one of that name or uid (made by hand, or under another name): rename or delete it',
  'name-exists': 'another dashboard in the folder has this title: rename one of them, or delete the other',
  'version-mismatch': 'the dashboard changed in Grafana after deploy read it (another deploy, or an edit in the UI): run deploy again, or pass --force',
  'plugin-dashboard': 'a plugin owns this dashboard: give the generated one another uid',
  412: 'Grafana refused the save as a conflict: run `alertforge grafana diff` to see what differs',
};

/** Grafana refused a request: 4xx, or 5xx after every retry. */
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

/** Grafana could not be reached at all, after every retry. */
export class GrafanaUnreachableError extends Error {}

const refusalSchema = z.object({ message: z.string().optional(), status: z.string().optional() });

function refusal(status: number, text: string, what: string): GrafanaError {
  let body: z.infer<typeof refusalSchema> = {};
  try {
    body = refusalSchema.parse(JSON.parse(text));
  } catch {
    // Not Grafana's JSON (a proxy's page, say): report the text itself.
  }
  const message = body.message ?? (text.trim().slice(0, 200) || `HTTP ${status}`);
  return new GrafanaError(status, message, HINTS[body.status ?? ''] ?? HINTS[status], what);
}

/** A 2xx answer as `schema` has it; anything else (a proxy's login page, say) is not Grafana's. */
function answer<T>(schema: z.ZodType<T>, status: number, text: string, what: string): T {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new GrafanaError(status, `an answer that is not JSON: ${text.trim().slice(0, 80)}`, HINTS[404], what);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new GrafanaError(status, `an answer Grafana's API does not give: ${parsed.error.issues[0]?.message ?? 'invalid'}`, HINTS[404], what);
  return parsed.data;
}

export interface CallOptions<T> {
  readonly body?: unknown;
  /** Resolve to undefined on 404 rather than failing: the thing is simply not there yet. */
  readonly missingOk?: boolean;
  /**
   * For a write that must not be repeated blindly (a POST): reads back whether Grafana did it, and
   * resolves to what the call would have answered if so, undefined if not. A 5xx or a dropped
   * connection may come after Grafana did the write (a proxy's 504, say), so it is read back before
   * a retry; and a refusal after such an answer (the retry's 412 or 409) may be the first attempt's
   * doing, so it is read back before being reported.
   */
  readonly readBack?: () => Promise<T | undefined>;
}

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

  /** Grafana's JSON answer, validated by `schema`; undefined for a 404 when `missingOk`. */
  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, schema: z.ZodType<T>, options: CallOptions<T> & { missingOk: true }): Promise<T | undefined>;
  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, schema: z.ZodType<T>, options?: CallOptions<T>): Promise<T>;
  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, schema: z.ZodType<T>, options: CallOptions<T> = {}): Promise<T | undefined> {
    const what = `${method} ${path}`;
    let mayHaveBeenDone = false;
    for (let attempt = 1; ; attempt++) {
      let status: number;
      let text = '';
      let unreachable: Error | undefined;
      try {
        const response = await request(`${this.base}${path}`, {
          method,
          headers: { authorization: this.authorization, 'content-type': 'application/json', accept: 'application/json' },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        });
        status = response.statusCode;
        text = await response.body.text();
      } catch (error) {
        status = 0;
        unreachable = error as Error;
      }
      const retryable = unreachable !== undefined || status >= 500;
      if (options.readBack && (retryable || (status >= 400 && mayHaveBeenDone))) {
        const done = await options.readBack();
        if (done !== undefined) return done;
      }
      mayHaveBeenDone ||= retryable;
      if (retryable && attempt < this.attempts) {
        await this.backoff(attempt);
        continue;
      }
      if (unreachable) throw new GrafanaUnreachableError(`${what}: cannot reach Grafana at ${this.base}: ${unreachable.message}`);
      if (status === 404 && options.missingOk) return undefined;
      if (status >= 400) throw refusal(status, text, what);
      return answer(schema, status, text, what);
    }
  }

  private backoff(attempt: number): Promise<void> {
    // Exponential with jitter, so retries from several deploys do not line up.
    const delay = this.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
    return new Promise((resolve) => setTimeout(resolve, delay));
  }
}
