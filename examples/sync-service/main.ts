/**
 * The example data sync service: `npx tsx examples/sync-service/main.ts [--listen HOST:PORT]`.
 * Prints `sync-service listening on http://HOST:PORT` once it serves (port 0 picks a free one).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { httpApi } from './http-api.ts';
import { SyncService } from './sync-service.ts';

const { values } = parseArgs({ options: { listen: { type: 'string', default: process.env.SYNC_SERVICE_LISTEN ?? '127.0.0.1:8080' } } });
const match = /^(.+):(\d+)$/.exec(values.listen);
if (!match) {
  process.stderr.write(`sync-service: --listen must be HOST:PORT, got ${values.listen}\n`);
  process.exit(2);
}

const service = new SyncService();
const server = createServer(httpApi(service));
server.listen(Number(match[2]), match[1], () => {
  const { address, port } = server.address() as AddressInfo;
  process.stdout.write(`sync-service listening on http://${address}:${port}\n`);
  service.start();
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    server.close();
    await service.stop();
    process.exit(0);
  });
}
