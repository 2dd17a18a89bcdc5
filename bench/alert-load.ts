/** The load the notifier benches post: bursts of alerts as Prometheus sends them, in batches of 100 over a few connections. */
import type { Pool } from 'undici';

export const BATCH = 100;
export const CONNECTIONS = 4;
/** A burst's alerts take this many alertnames and connectors in turn: grouped by both, 1,000 groups. */
export const ALERTNAMES = 100;
export const CONNECTORS = 10;

/** The request bodies of `alerts` alerts; `burst` names them, so that each burst makes groups of its own. */
export function batches(alerts: number, burst: { alertname: string; instance: string }): string[] {
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const bodies: string[] = [];
  for (let start = 0; start < alerts; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(start + BATCH, alerts); i++) {
      batch.push({
        labels: { alertname: `${burst.alertname}${i % ALERTNAMES}`, connector: `connector-${Math.floor(i / ALERTNAMES) % CONNECTORS}`, instance: `${burst.instance}${i}`, severity: 'warning' },
        annotations: { summary: `Bench alert ${i}` },
        endsAt,
        generatorURL: 'http://prometheus.bench/graph',
      });
    }
    bodies.push(JSON.stringify(batch));
  }
  return bodies;
}

/** Posts every body over `connections` connections, each one answered before its next; resolves to the seconds it took. */
export async function postAll(name: string, pool: Pool, path: string, bodies: readonly string[], connections = CONNECTIONS): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const response = await pool.request({ path, method: 'POST', body, headers: { 'content-type': 'application/json' } });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`${name}: POST ${path} answered ${response.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return (performance.now() - started) / 1000;
}
