/** The Grafana client's retries and its reading of answers, against real local sockets. */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GrafanaClient, GrafanaError, GrafanaUnreachableError } from '../../../src/grafana/client.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const fast = { attempts: 3, backoffMs: 1 };
const auth = { token: 't' };

describe('GrafanaClient', () => {
  it('retries a dropped connection, then reads the answer', async () => {
    let calls = 0;
    const url = await serve((req, res) => {
      if (++calls === 1) return req.socket.destroy();
      res.end(JSON.stringify([{ uid: 'a' }]));
    });
    const got = await new GrafanaClient(url, auth, fast).call('GET', '/api/search', z.array(z.object({ uid: z.string() })));
    expect(got).toEqual([{ uid: 'a' }]);
    expect(calls).toBe(2);
  });

  it('gives up on an unreachable Grafana after its attempts, naming the URL', async () => {
    const url = await serve(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(new GrafanaClient(url, auth, fast).call('GET', '/api/search', z.unknown())).rejects.toThrow(GrafanaUnreachableError);
    await expect(new GrafanaClient(url, auth, fast).call('GET', '/api/search', z.unknown())).rejects.toThrow(`GET /api/search: cannot reach Grafana at ${url}`);
  });

  it('reports a 5xx that persists, with Grafana’s message', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(500).end(JSON.stringify({ message: 'database is locked' }));
    });
    await expect(new GrafanaClient(url, auth, fast).call('GET', '/api/search', z.unknown())).rejects.toThrow('GET /api/search: Grafana answered 500: database is locked');
    expect(calls).toBe(3);
  });

  it('does not retry a refusal', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(403).end(JSON.stringify({ message: 'Access denied' }));
    });
    const error = await new GrafanaClient(url, auth, fast).call('GET', '/api/search', z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaError);
    expect(error).toMatchObject({ status: 403, grafanaMessage: 'Access denied' });
    expect(calls).toBe(1);
  });

  it('reads a write back after a 5xx, rather than repeating one Grafana did', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(504).end('<html>Gateway Timeout</html>');
    });
    const saved = await new GrafanaClient(url, auth, fast).call('POST', '/api/dashboards/db', z.object({ version: z.number() }), { body: {}, readBack: async () => ({ version: 2 }) });
    expect(saved).toEqual({ version: 2 });
    expect(calls).toBe(1);
  });

  it('repeats a write the read-back does not find, and reads back a refusal that follows a lost answer', async () => {
    const answers = [504, 412];
    const url = await serve((_req, res) => res.writeHead(answers.shift()!).end(JSON.stringify({ status: 'version-mismatch', message: 'The dashboard has been changed by someone else' })));
    // Grafana finished the first save only after the first read-back: the retry is refused for it.
    const readBacks = [undefined, { version: 2 }];
    const saved = await new GrafanaClient(url, auth, fast).call('POST', '/api/dashboards/db', z.object({ version: z.number() }), { body: {}, readBack: async () => readBacks.shift() });
    expect(saved).toEqual({ version: 2 });
    expect(answers).toEqual([]);
  });

  it('reports a refusal of a write as it is when no answer was lost before it', async () => {
    let readBacks = 0;
    const url = await serve((_req, res) => res.writeHead(412).end(JSON.stringify({ status: 'version-mismatch', message: 'The dashboard has been changed by someone else' })));
    const call = new GrafanaClient(url, auth, fast).call('POST', '/api/dashboards/db', z.unknown(), { body: {}, readBack: async () => ++readBacks });
    await expect(call).rejects.toThrow('POST /api/dashboards/db: Grafana answered 412: The dashboard has been changed by someone else');
    expect(readBacks).toBe(0);
  });

  it('says so when the answer is not Grafana’s (a proxy’s login page)', async () => {
    const url = await serve((_req, res) => res.end('<html>Sign in</html>'));
    await expect(new GrafanaClient(url, auth, fast).call('GET', '/api/search', z.array(z.unknown()))).rejects.toThrow(
      'GET /api/search: Grafana answered 200: an answer that is not JSON: <html>Sign in</html>\n  hint: check that --url is Grafana itself',
    );
  });

  it('sends basic auth for a user and password, and a bearer token otherwise', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.end('{}');
    });
    await new GrafanaClient(url, { user: 'admin', password: 'pw' }, fast).call('GET', '/', z.unknown());
    await new GrafanaClient(`${url}/`, { token: 'glsa_x' }, fast).call('GET', '/', z.unknown());
    expect(seen).toEqual([`Basic ${Buffer.from('admin:pw').toString('base64')}`, 'Bearer glsa_x']);
  });
});
