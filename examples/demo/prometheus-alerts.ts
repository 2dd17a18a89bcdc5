/**
 * Watches Prometheus' own view of its alerts (GET /api/v1/alerts) and reports each change of
 * state: pending, firing, and resolved when an alert leaves the list.
 */
import { z } from 'zod';

const alertsResponse = z.object({
  status: z.literal('success'),
  data: z.object({
    alerts: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()),
        state: z.enum(['pending', 'firing']),
      }),
    ),
  }),
});

export interface AlertChange {
  readonly name: string;
  readonly state: 'pending' | 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly summary: string;
}

const POLL_MS = 250;

/** Polls until stopped, calling `onChange` for every state change. */
export function watchPrometheusAlerts(url: string, onChange: (change: AlertChange) => void): { stop(): void } {
  const known = new Map<string, AlertChange>();
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    try {
      const body = alertsResponse.parse(await (await fetch(`${url}/api/v1/alerts`)).json());
      const seen = new Set<string>();
      for (const alert of body.data.alerts) {
        const key = JSON.stringify(Object.entries(alert.labels).sort());
        seen.add(key);
        if (known.get(key)?.state === alert.state) continue;
        const change = { name: alert.labels.alertname ?? '', state: alert.state, labels: alert.labels, summary: alert.annotations.summary ?? '' };
        known.set(key, change);
        onChange(change);
      }
      for (const [key, change] of known) {
        if (seen.has(key)) continue;
        known.delete(key);
        onChange({ ...change, state: 'resolved' });
      }
    } catch {
      // Prometheus starting or stopping: the next poll tells.
    }
    if (timer) timer = setTimeout(poll, POLL_MS);
  };
  timer = setTimeout(poll, 0);
  return {
    stop: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
