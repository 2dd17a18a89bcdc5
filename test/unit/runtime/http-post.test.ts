/**
 * The HTTP channels' client against a real local server: what arrives, and what each kind of
 * answer means for delivery.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { HttpPoster, KEPT_BODY_BYTES } from '../../../src/runtime/channels/http-post.ts';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly socket: number;
}

const NOW = Date.parse('2026-05-01T12:00:00Z');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that records each request, and on which connection, and answers with `answer`. */
async function serve(answer: (response: ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const sockets = new Map<object, number>();
  const server: Server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    if (!sockets.has(request.socket)) sockets.set(request.socket, sockets.size + 1);
    received.push({ method: request.method!, url: request.url!, headers: request.headers, body, socket: sockets.get(request.socket)! });
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

function poster(): HttpPoster {
  const http = new HttpPoster();
  cleanups.push(() => http.close());
  return http;
}

it('posts the JSON with its headers to the path and query given, and a 2xx is delivered', async () => {
  const { url, received } = await serve((r) => r.writeHead(204).end());
  const outcome = await poster().post(`${url}/hooks/team?source=alertforge`, '{"status":"firing"}', { authorization: 'Bearer t0k3n' }, NOW);
  expect(outcome).toEqual({ kind: 'delivered' });
  expect(received).toEqual([
    expect.objectContaining({
      method: 'POST',
      url: '/hooks/team?source=alertforge',
      body: '{"status":"firing"}',
      headers: expect.objectContaining({ 'content-type': 'application/json', 'user-agent': 'alertforge-notifier', authorization: 'Bearer t0k3n' }),
    }),
  ]);
});

it("sends a URL's user and password as Basic credentials, as Alertmanager's Go client does, unless the channel sets its own", async () => {
  const { url, received } = await serve((r) => r.writeHead(204).end());
  const withUser = url.replace('http://', 'http://pager%40example.com:p%3Ass@');
  await poster().post(`${withUser}/hook`, '{}', {}, NOW);
  await poster().post(`${withUser}/hook`, '{}', { authorization: 'Bearer t0k3n' }, NOW);
  expect(received.map((r) => r.headers.authorization)).toEqual([`Basic ${Buffer.from('pager@example.com:p:ss').toString('base64')}`, 'Bearer t0k3n']);
});

it('what the request carried is redacted from the answer a failure reports: the URL, its parts, its credentials', async () => {
  // A gateway that echoes what it was sent, as many do in their errors.
  const { url } = await serve((r) => r.writeHead(400).end(`refused: you sent ${r.req.headers.authorization} to ${r.req.url} (https://${r.req.headers.host}${r.req.url})`));
  const outcome = await poster().post(`${url}/services/T0/B0/webhooksecret?key=querysecret`, '{}', { authorization: 'Bearer headersecret' }, NOW);
  expect(outcome.kind).toBe('failed');
  const { error } = outcome as { error: string };
  for (const secret of ['webhooksecret', 'querysecret', 'headersecret']) expect(error).not.toContain(secret);
  expect(error).toBe('HTTP 400: refused: you sent <redacted> to <redacted> (https://<redacted>)');
});

it('redacts the Basic credentials sent from the URL, and a secret the kept start of the answer would cut in two', async () => {
  const { url } = await serve((r) => r.writeHead(401).end(`${'x'.repeat(180)} authorization=${r.req.headers.authorization} is not allowed`));
  const outcome = (await poster().post(`${url.replace('http://', 'http://alice:pw%2Fx@')}/hook`, '{}', {}, NOW)) as { error: string };
  const basic = Buffer.from('alice:pw/x').toString('base64');
  expect(outcome.error).not.toContain(basic.slice(0, 8));
  // Cut at 200 characters after the secret is gone: what is left of it is the mark.
  expect(outcome.error).toBe(`HTTP 401: ${'x'.repeat(180)} authorization=<reda`);
});

it('a 5xx is retried, with the status and the start of the answer as the error', async () => {
  const { url } = await serve((r) => r.writeHead(503).end('down for maintenance'));
  expect(await poster().post(`${url}/hook`, '{}', {}, NOW)).toEqual({ kind: 'retry', error: 'HTTP 503: down for maintenance' });
});

it("a 429 is deferred by the receiver's Retry-After", async () => {
  const { url } = await serve((r) => r.writeHead(429, { 'retry-after': '7' }).end('slow down'));
  expect(await poster().post(`${url}/hook`, '{}', {}, NOW)).toEqual({ kind: 'deferred', afterMs: 7000, reason: 'HTTP 429: slow down' });
});

it('another 4xx is refused for good, not retried', async () => {
  const { url } = await serve((r) => r.writeHead(404).end('no such hook'));
  expect(await poster().post(`${url}/hook`, '{}', {}, NOW)).toEqual({ kind: 'failed', error: 'HTTP 404: no such hook' });
});

it('an informational answer before the real one does not count as the answer', async () => {
  const { url } = await serve((r) => {
    r.writeEarlyHints({ link: '</style.css>; rel=preload' });
    r.writeHead(500).end('broken');
  });
  expect(await poster().post(`${url}/hook`, '{}', {}, NOW)).toEqual({ kind: 'retry', error: 'HTTP 500: broken' });
});

it('a large error page is read to the end, only its start kept, and the connection used again', async () => {
  const page = 'x'.repeat(1024 * 1024);
  const { url, received } = await serve((r) => r.writeHead(500).end(page));
  const http = poster();
  const first = await http.post(`${url}/hook`, '{}', {}, NOW);
  expect(first).toEqual({ kind: 'retry', error: `HTTP 500: ${'x'.repeat(200)}` });
  // undici hands a connection to the next request one turn of the event loop after its answer.
  await new Promise((resolve) => setImmediate(resolve));
  await http.post(`${url}/hook`, '{}', {}, NOW);
  expect(received.map((r) => r.socket)).toEqual([1, 1]);
  expect(KEPT_BODY_BYTES).toBeLessThan(page.length);
});

it('a receiver that refuses connections is retried, with the reason', async () => {
  const { url } = await serve((r) => r.end());
  const closed = url.replace(/:\d+$/, ':1');
  expect(await poster().post(`${closed}/hook`, '{}', {}, NOW)).toEqual({ kind: 'retry', error: expect.stringContaining('ECONNREFUSED') });
});

it('warms up with one GET to the URL given', async () => {
  const { url, received } = await serve((r) => r.writeHead(200).end('OK'));
  await poster().warmUp(`${url}/-/healthy`);
  expect(received).toEqual([expect.objectContaining({ method: 'GET', url: '/-/healthy', body: '' })]);
});
