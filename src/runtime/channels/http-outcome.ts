/** Shared by the HTTP channels: what an HTTP answer or a request error means for delivery. */
import type { DeliveryOutcome } from './channel.ts';

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function httpOutcome(statusCode: number, headers: Record<string, string | string[] | undefined>, body: string, now: number): DeliveryOutcome {
  if (statusCode >= 200 && statusCode < 300) return { kind: 'delivered' };
  const detail = `HTTP ${statusCode}${body ? `: ${body.slice(0, 200)}` : ''}`;
  if (statusCode === 429) return { kind: 'deferred', afterMs: retryAfterMs(headers['retry-after'], now) ?? 1000, reason: detail };
  if (statusCode >= 500 || statusCode === 408) return { kind: 'retry', error: detail };
  return { kind: 'failed', error: detail };
}

/** A request that got no answer (refused, reset, timed out) is worth retrying. */
export function requestErrorOutcome(error: unknown): Extract<DeliveryOutcome, { kind: 'retry' }> {
  const e = error as { code?: string; message?: string };
  return { kind: 'retry', error: e.code ? `${e.code}: ${e.message}` : String(e.message ?? error) };
}
