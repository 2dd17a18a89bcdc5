import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** A node:http handler serving `registry` in Prometheus' text format, for GET and HEAD. */
export function metricsHandler(registry: Registry): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed: use GET\n');
      return;
    }
    try {
      const body = await registry.metrics();
      response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      // A failing collector must not take the service down; Prometheus records the scrape as failed.
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`collecting metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
}
