import { createServer } from 'node:net';

/**
 * A port free on 127.0.0.1 now, for programs that cannot report the port they bound to 0
 * (Prometheus, node_exporter). The OS hands out ports in sequence, so a reuse race is unlikely.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}
