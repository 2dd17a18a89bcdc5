/**
 * The service's HTTP API: /metrics for Prometheus, health, and the controls that inject faults
 * and resolve held conflicts. Bodies are validated with zod; a bad one gets a 400 naming the field.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsHandler } from 'alertforge/instrument';
import { z } from 'zod';
import { faultsUpdateSchema, NO_FAULTS } from './faults.ts';
import { registry } from './service-metrics.ts';
import type { SyncService } from './sync-service.ts';

const MAX_BODY = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_BODY) throw new HttpError(413, `body over ${MAX_BODY} bytes`);
  }
  try {
    return JSON.parse(body || '{}');
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

function state(service: SyncService) {
  return [...service.connectors.values()].map((c) => ({
    name: c.name,
    strategy: c.conflicts.strategy,
    queueDepth: c.queue.depth,
    unresolvedConflicts: c.conflicts.unresolved,
    faults: c.faults,
  }));
}

/**
 * GET /metrics · GET /-/healthy · GET /connectors · PUT /connectors/{name}/faults (partial
 * faults) · DELETE /connectors/{name}/faults · POST /connectors/{name}/conflicts/resolve
 */
export function httpApi(service: SyncService): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const serveMetrics = metricsHandler(registry);
  return async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (pathname === '/metrics') return await serveMetrics(request, response);
      if (pathname === '/-/healthy') return send(response, 200, { status: 'ok' });
      if (pathname === '/connectors' && request.method === 'GET') return send(response, 200, state(service));
      const match = /^\/connectors\/([^/]+)\/(faults|conflicts\/resolve)$/.exec(pathname);
      const connector = match && service.connectors.get(decodeURIComponent(match[1]!));
      if (!match) throw new HttpError(404, `no such endpoint: ${pathname}`);
      if (!connector) throw new HttpError(404, `no such connector: ${match[1]}; connectors: ${[...service.connectors.keys()].join(', ')}`);
      const action = `${request.method} ${match[2]}`;
      if (action === 'PUT faults') {
        connector.faults = { ...connector.faults, ...parse(faultsUpdateSchema, await readJson(request)) };
        return send(response, 200, connector.faults);
      }
      if (action === 'DELETE faults') {
        connector.faults = NO_FAULTS;
        return send(response, 200, connector.faults);
      }
      if (action === 'POST conflicts/resolve') return send(response, 200, { resolved: connector.conflicts.resolveHeld() });
      throw new HttpError(405, `${request.method} is not allowed on ${pathname}`);
    } catch (error) {
      // No request may take the service down: anything unexpected is a 500.
      if (error instanceof HttpError) send(response, error.status, { error: error.message });
      else send(response, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}
