import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistry, instrument, metricsHandler } from '../../../src/instrument/index.ts';
import { gauge } from '../../../src/sdk/index.ts';

const depth = gauge({ name: 'queue_depth', help: 'Records waiting.', labels: ['connector'] });
let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(): Promise<string> {
  const registry = createRegistry();
  instrument(registry, { depth }).depth.set({ connector: 'crm' }, 5);
  server = createServer(metricsHandler(registry));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

describe('metricsHandler', () => {
  it('serves the registry in Prometheus text format', async () => {
    const response = await fetch(await serve());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await response.text();
    expect(body).toContain('queue_depth{connector="crm"} 5');
    expect(body).toContain('process_resident_memory_bytes');
  });

  it('refuses writes with 405', async () => {
    const response = await fetch(await serve(), { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
