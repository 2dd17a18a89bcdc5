/**
 * A local HTTP server implementing the part of Grafana's HTTP API that deploy uses, as Grafana
 * (before 11.3) answers it: bearer token or basic auth (401), a viewer's token that may only read
 * (403), the search API for folders and dashboards, folders, nested ones too (409 for a title
 * taken in the same parent, or a uid),
 * datasources by uid (409 for a name or uid taken; 403 for a change to a read-only one, as Grafana
 * holds those from provisioning files), and dashboards by uid with versions, checked in Grafana's
 * order (pkg/services/dashboards/database): a save without overwrite whose version is not the
 * stored one is refused with 412 `version-mismatch`; then one whose title has the slug of another
 * dashboard's in the folder is refused with 412 `name-exists`, or with overwrite saved onto that
 * other dashboard (its uid, its version). It records every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { grafanaSlug } from '../../src/grafana/slug.ts';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export interface StoredDashboard {
  dashboard: Record<string, unknown>;
  folderUid: string;
  version: number;
  message: string;
  /** Loaded from a provisioning file: Grafana refuses to save over it through the API (400). */
  provisioned?: boolean;
}

export interface FakeGrafanaOptions {
  /** The service account token that may do everything. */
  readonly token: string;
  /** A viewer's token: reads succeed, writes answer 403. */
  readonly viewerToken?: string;
  /** A user and password for basic auth. */
  readonly basic?: { readonly user: string; readonly password: string };
}

export interface FakeGrafana {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly dashboards: Map<string, StoredDashboard>;
  /** `parentUid`: the folder it is in, for a nested folder. */
  readonly folders: { uid: string; title: string; parentUid?: string }[];
  readonly datasources: Map<string, Record<string, unknown>>;
  /** Answer the next N requests with 503, to exercise retries. */
  failNext(count: number): void;
  /** Handle the next POST to `path`, then answer 504, as a proxy that gave up waiting for Grafana does. */
  loseNextAnswer(path: string): void;
  /** Run before the next save of dashboard `uid` is handled: stands for someone changing Grafana in between. */
  beforeSaveOf(uid: string, action: () => void): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

export async function startFakeGrafana(options: FakeGrafanaOptions): Promise<FakeGrafana> {
  const requests: RecordedRequest[] = [];
  const dashboards = new Map<string, StoredDashboard>();
  const folders: FakeGrafana['folders'] = [];
  const datasources = new Map<string, Record<string, unknown>>();
  let failures = 0;
  const lostAnswers = new Set<string>();
  const beforeSave = new Map<string, () => void>();

  const role = (req: IncomingMessage): 'editor' | 'viewer' | undefined => {
    const auth = req.headers.authorization ?? '';
    if (auth === `Bearer ${options.token}`) return 'editor';
    if (options.viewerToken && auth === `Bearer ${options.viewerToken}`) return 'viewer';
    if (options.basic && auth === `Basic ${Buffer.from(`${options.basic.user}:${options.basic.password}`).toString('base64')}`) return 'editor';
    return undefined;
  };

  function handle(req: IncomingMessage, url: URL, body: unknown, send: (status: number, json: unknown) => void): void {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && path === '/api/search') {
      const type = url.searchParams.get('type');
      const query = (url.searchParams.get('query') ?? '').toLowerCase();
      // As Grafana with nested folders: a folder inside another is found too, with its parent as folderUid.
      if (type === 'dash-folder') return send(200, folders.filter((f) => f.title.toLowerCase().includes(query)).map(({ parentUid, ...f }) => ({ ...f, type: 'dash-folder', ...(parentUid && { folderUid: parentUid }) })));
      const inFolders = url.searchParams.getAll('folderUIDs');
      const hits = [...dashboards.values()].filter((d) => inFolders.length === 0 || inFolders.includes(d.folderUid));
      return send(200, hits.map((d) => ({ uid: d.dashboard.uid, title: d.dashboard.title, type: 'dash-db', folderUid: d.folderUid })));
    }
    if (method === 'POST' && path === '/api/folders') {
      const { uid = `f${folders.length + 1}`, title, parentUid } = body as { uid?: string; title: string; parentUid?: string };
      if (folders.some((f) => f.uid === uid)) return send(409, { message: 'a folder/dashboard with the same uid already exists' });
      if (folders.some((f) => f.title === title && f.parentUid === parentUid)) return send(409, { message: 'a folder or dashboard in the general folder with the same name already exists' });
      folders.push({ uid, title, ...(parentUid && { parentUid }) });
      return send(200, { id: folders.length, uid, title });
    }
    const folder = /^\/api\/folders\/(.+)$/.exec(path);
    if (folder && method === 'GET') {
      const found = folders.find((f) => f.uid === decodeURIComponent(folder[1]!));
      return found ? send(200, { id: folders.indexOf(found) + 1, ...found }) : send(404, { message: 'folder not found' });
    }
    const ds = /^\/api\/datasources\/uid\/(.+)$/.exec(path);
    const datasource = ds ? datasources.get(ds[1]!) : undefined;
    if (ds && method === 'GET') return datasource ? send(200, { id: 1, readOnly: false, jsonData: {}, ...datasource }) : send(404, { message: 'Data source not found' });
    if (ds && method === 'PUT') {
      if (!datasource) return send(404, { message: 'Data source not found' });
      if (datasource.readOnly) return send(403, { message: 'Cannot update read-only data source' });
      // readOnly is not the API's to set (json:"-" in Grafana's command).
      const { readOnly: _ignored, ...update } = body as Record<string, unknown>;
      datasources.set(ds[1]!, update);
      return send(200, { message: 'Datasource updated' });
    }
    if (method === 'POST' && path === '/api/datasources') {
      const { readOnly: _ignored, ...created } = body as Record<string, unknown>;
      if (datasources.has(created.uid as string)) return send(409, { message: 'data source with the same uid already exists' });
      if ([...datasources.values()].some((d) => d.name === created.name)) return send(409, { message: 'data source with the same name already exists' });
      datasources.set(created.uid as string, created);
      return send(200, { message: 'Datasource added' });
    }
    const dash = /^\/api\/dashboards\/uid\/(.+)$/.exec(path);
    if (dash && method === 'GET') {
      const found = dashboards.get(decodeURIComponent(dash[1]!));
      return found ? send(200, { dashboard: { ...found.dashboard, version: found.version }, meta: { folderUid: found.folderUid, version: found.version, provisioned: found.provisioned ?? false } }) : send(404, { message: 'Dashboard not found' });
    }
    if (method === 'POST' && path === '/api/dashboards/db') {
      const { dashboard, folderUid, message, overwrite } = body as { dashboard: Record<string, unknown>; folderUid: string; message: string; overwrite?: boolean };
      let uid = dashboard.uid as string;
      beforeSave.get(uid)?.();
      beforeSave.delete(uid);
      const same = dashboards.get(uid);
      if (same?.provisioned) return send(400, { message: 'Cannot save provisioned dashboard' });
      if (same && !overwrite && dashboard.version !== same.version) return send(412, { status: 'version-mismatch', message: 'The dashboard has been changed by someone else' });
      const clash = [...dashboards.values()].find((d) => d.dashboard.uid !== uid && d.folderUid === folderUid && grafanaSlug(String(d.dashboard.title)) === grafanaSlug(String(dashboard.title)));
      if (clash && !overwrite) return send(412, { status: 'name-exists', message: 'A dashboard with the same name in the folder already exists' });
      // With overwrite, Grafana saves onto the dashboard whose title clashes: its uid, id and version.
      if (clash) uid = clash.dashboard.uid as string;
      const stored = dashboards.get(uid);
      const version = (stored?.version ?? 0) + 1;
      const { version: _sent, ...content } = dashboard;
      dashboards.set(uid, { dashboard: { ...content, uid, id: stored?.dashboard.id ?? dashboards.size + 1 }, folderUid, version, message });
      return send(200, { id: 1, status: 'success', uid, version, url: `/d/${uid}` });
    }
    send(404, { message: 'Not found' });
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://grafana');
    const body = await readBody(req);
    requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, body });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (failures > 0) {
      failures--;
      return send(503, { message: 'Service Unavailable' });
    }
    const who = role(req);
    if (!who) return send(401, { message: req.headers.authorization?.startsWith('Basic') ? 'Invalid username or password' : 'Invalid API key' });
    if (who === 'viewer' && req.method !== 'GET') return send(403, { message: "You'll need additional permissions to perform this action. Permissions needed: folders:create" });
    if (req.method === 'POST' && lostAnswers.delete(url.pathname)) {
      handle(req, url, body, () => undefined);
      return send(504, { message: 'Gateway Timeout' });
    }
    handle(req, url, body, send);
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
    loseNextAnswer: (path) => lostAnswers.add(path),
    beforeSaveOf: (uid, action) => beforeSave.set(uid, action),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
