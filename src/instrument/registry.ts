import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry for a service's metrics, with prom-client's default process metrics (CPU, memory,
 * event loop lag, GC, handles) that every Node service should expose. One per process: the
 * default metrics' collectors are bound to it.
 */
export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
