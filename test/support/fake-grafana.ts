/**
 * A local HTTP server implementing the part of Grafana's HTTP API that deploy uses, as Grafana
 * documents it: bearer token check, folders, dashboards by uid with versions, datasources by uid,
 * 412 for a title taken by another dashboard in the folder. It records every request.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export interface FakeGrafana {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly dashboards: Map<string, { dashboard: Record<string, unknown>; folderUid: string; version: number; message: string }>;
  readonly folders: { uid: string; title: string }[];
  readonly datasources: Map<string, Record<string, unknown>>;
  /** Answer the next N requests with 503, to exercise retries. */
  failNext(count: number): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

export async function startFakeGrafana(token: string): Promise<FakeGrafana> {
  const requests: RecordedRequest[] = [];
  const dashboards: FakeGrafana['dashboards'] = new Map();
  const folders: FakeGrafana['folders'] = [];
  const datasources: FakeGrafana['datasources'] = new Map();
  let failures = 0;
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    const payload = await body(req);
    requests.push({ method: req.method ?? '', path, body: payload });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (failures > 0) {
      failures--;
      return send(503, { message: 'Service Unavailable' });
    }
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Invalid API key' });
    const [route] = path.split('?');
    if (req.method === 'GET' && route === '/api/folders') return send(200, folders);
    if (req.method === 'POST' && route === '/api/folders') {
      const folder = { uid: `f${folders.length + 1}`, title: (payload as { title: string }).title };
      folders.push(folder);
      return send(200, { id: folders.length, ...folder });
    }
    const ds = /^\/api\/datasources\/uid\/(.+)$/.exec(route!);
    if (ds) {
      if (req.method === 'GET') return datasources.has(ds[1]!) ? send(200, datasources.get(ds[1]!)) : send(404, { message: 'Data source not found' });
      datasources.set(ds[1]!, payload as Record<string, unknown>);
      return send(200, { message: 'Datasource updated' });
    }
    if (req.method === 'POST' && route === '/api/datasources') {
      const created = payload as Record<string, unknown>;
      datasources.set(created.uid as string, created);
      return send(200, { message: 'Datasource added' });
    }
    const dash = /^\/api\/dashboards\/uid\/(.+)$/.exec(route!);
    if (req.method === 'GET' && dash) {
      const found = dashboards.get(decodeURIComponent(dash[1]!));
      return found ? send(200, { dashboard: { ...found.dashboard, version: found.version }, meta: { folderUid: found.folderUid } }) : send(404, { message: 'Dashboard not found' });
    }
    if (req.method === 'POST' && route === '/api/dashboards/db') {
      const { dashboard, folderUid, message } = payload as { dashboard: Record<string, unknown>; folderUid: string; message: string };
      const clash = [...dashboards.entries()].find(([uid, d]) => uid !== dashboard.uid && d.folderUid === folderUid && d.dashboard.title === dashboard.title);
      if (clash) return send(412, { status: 'name-exists', message: 'A dashboard with the same name in the folder already exists' });
      const version = (dashboards.get(dashboard.uid as string)?.version ?? 0) + 1;
      dashboards.set(dashboard.uid as string, { dashboard: { ...dashboard, id: 1 }, folderUid, version, message });
      return send(200, { status: 'success', uid: dashboard.uid, version });
    }
    send(404, { message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    dashboards,
    folders,
    datasources,
    failNext: (count) => (failures = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
