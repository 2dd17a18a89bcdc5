/**
 * The notifier's HTTP API (node:http): Alertmanager's v2 endpoints that Prometheus and amtool use,
 * the groups and acknowledgement API, health, reload and metrics. Every bad request is a 4xx
 * naming the field; an unexpected error is a 500 and is logged; nothing a client sends stops it.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { GroupView, Notifier } from '../notifier.ts';
import { durationMs } from '../duration.ts';
import { postableAlertsBody, readPostableAlerts } from '../model/postable-alerts.ts';
import { gettableAlertGroups, gettableAlerts } from './alerts-api.ts';
import type { BearerAuth } from './auth.ts';
import { HttpError } from './http-error.ts';
import { parseJson, readBody, readJson } from './read-body.ts';
import { addSilence, gettableSilence, listSilences, postableSilence } from './silences-api.ts';
import { status } from './status-api.ts';

export interface ApiOptions {
  readonly notifier: Notifier;
  readonly auth: BearerAuth;
  /** Ingest needs the token too (by default Prometheus may post without one). */
  readonly ingestRequiresToken: boolean;
  readonly clock: Clock;
  readonly startedAt: number;
  /** The config file, named in /api/v2/status. */
  readonly configFile: string;
  /** Reloads the config; resolves to why it was refused, or undefined. */
  readonly reload: () => Promise<string | undefined>;
  readonly log: (line: string) => void;
}

const ackBody = z.object({ by: z.string().min(1).max(200).optional() });

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL, params: string[]) => Promise<void>;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/**
 * An error's body. Alertmanager's v2 API answers one as a JSON string, which amtool prints as the
 * reason (an object it cannot read, and says only that); the notifier's own endpoints answer
 * `{"error": "..."}`.
 */
function errorBody(path: string, message: string): unknown {
  return path.startsWith('/api/v2/') ? message : { error: message };
}

function sendText(response: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) }).end(text);
}

/**
 * The request's path and query. A path is read as a path, so `//host/x` is not taken for a host;
 * a target the URL parser refuses (`//`) is a 400 instead of an error that stopped the process.
 */
function requestUrl(target: string): URL {
  try {
    return new URL(target.startsWith('/') ? `http://notifier${target}` : target);
  } catch {
    throw new HttpError(400, `path: not a valid request target: ${JSON.stringify(target)}`);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sendHtml(response: ServerResponse, body: string): void {
  sendText(response, 200, `<!doctype html><meta name="viewport" content="width=device-width"><title>Acknowledge</title>${body}`, 'text/html; charset=utf-8');
}

/** What the acknowledge page calls a group: its labels, or its id when it groups by none. */
const groupTitle = (group: GroupView) => Object.entries(group.labels).map(([k, v]) => `${k}=${v}`).join(', ') || `group ${group.id}`;

/** Who acknowledges, as the body names them: JSON from the API, a form from the acknowledge page. */
async function ackedBy(request: IncomingMessage): Promise<string | undefined> {
  const type = request.headers['content-type'] ?? '';
  if (type.includes('json')) return (await readJson(request, ackBody, 64 * 1024)).by;
  if (!type.includes('application/x-www-form-urlencoded')) return undefined;
  const by = new URLSearchParams((await readBody(request, 64 * 1024)).toString('utf8')).get('by')?.trim();
  if (by && by.length > 200) throw new HttpError(400, 'by: at most 200 characters');
  return by || undefined;
}

/**
 * The path an API route sees: the external URL's path taken off, when the request has it, so that
 * links in messages work behind a proxy that passes the prefix on; requests without it are served
 * as well.
 */
function routePath(pathname: string, prefix: string): string {
  if (prefix === '' || !(pathname === prefix || pathname.startsWith(`${prefix}/`))) return pathname;
  return pathname.slice(prefix.length) || '/';
}

export function createApi(options: ApiOptions): RequestListener {
  const { notifier, auth, clock } = options;
  const prefix = new URL(notifier.externalURL).pathname.replace(/\/+$/, '');

  /** Throws the 403 or 410 a signed link is refused with, if it is. */
  const refuseLink = (id: string, url: URL) => {
    const refusal = notifier.ackLinks.refusal(id, url.searchParams, notifier.groupFormedAt(id), clock.now());
    if (refusal) throw new HttpError(refusal.status, refusal.reason);
  };

  const routes: { method: string; path: RegExp; name: string; handle: Handler }[] = [
    { method: 'GET', path: /^\/-\/healthy$/, name: 'healthy', handle: async (_q, r) => sendText(r, 200, 'OK') },
    { method: 'GET', path: /^\/-\/ready$/, name: 'ready', handle: async (_q, r) => sendText(r, 200, 'OK') },
    {
      method: 'POST',
      path: /^\/-\/reload$/,
      name: 'reload',
      handle: async (q, r) => {
        auth.require(q);
        const refused = await options.reload();
        if (refused) throw new HttpError(400, `config refused, the running one is kept: ${refused}`);
        sendText(r, 200, 'OK');
      },
    },
    {
      method: 'GET',
      path: /^\/metrics$/,
      name: 'metrics',
      handle: async (_q, r) => sendText(r, 200, await notifier.metrics.registry.metrics(), notifier.metrics.registry.contentType),
    },
    {
      method: 'POST',
      path: /^\/api\/v2\/alerts$/,
      name: 'alerts',
      handle: async (q, r) => {
        if (options.ingestRequiresToken) auth.require(q);
        // The body as posted is what the ingest log keeps.
        const body = await readBody(q);
        // Groups that came due go out first, with the alerts received by then. The body is read
        // before the wait, so what a sender sent is taken in even if it stops waiting.
        const flushing = notifier.dueGroupsFlushed();
        if (flushing) {
          const started = performance.now();
          await flushing;
          notifier.metrics.ingestFlushWait.observe((performance.now() - started) / 1000);
        }
        const items = parseJson(body.toString('utf8'), postableAlertsBody);
        const { alerts, problems } = readPostableAlerts(items, clock.now(), durationMs(notifier.currentConfig.global.resolve_timeout));
        if (alerts.length > 0) notifier.ingest(alerts, body);
        if (problems.length === 0) return sendJson(r, 200, {});
        // As Alertmanager answers: the alerts without a problem are taken in all the same.
        notifier.metrics.alertsInvalid.inc(problems.length);
        const taken = alerts.length > 0 ? `; the other ${alerts.length} alert(s) were taken in` : '';
        throw new HttpError(400, `${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}${taken}`);
      },
    },
    { method: 'GET', path: /^\/api\/v2\/alerts$/, name: 'alerts', handle: async (_q, r, url) => sendJson(r, 200, gettableAlerts(notifier, url.searchParams)) },
    { method: 'GET', path: /^\/api\/v2\/alerts\/groups$/, name: 'alert groups', handle: async (_q, r, url) => sendJson(r, 200, gettableAlertGroups(notifier, url.searchParams)) },
    { method: 'GET', path: /^\/api\/v2\/status$/, name: 'status', handle: async (_q, r) => sendJson(r, 200, status(notifier.currentConfig, options.configFile, options.startedAt)) },
    {
      method: 'GET',
      path: /^\/api\/v2\/receivers$/,
      name: 'receivers',
      handle: async (_q, r) => sendJson(r, 200, notifier.currentConfig.receivers.map((x) => ({ name: x.name }))),
    },
    { method: 'GET', path: /^\/api\/v2\/silences$/, name: 'silences', handle: async (_q, r, url) => sendJson(r, 200, listSilences(notifier, url.searchParams, clock.now())) },
    {
      method: 'POST',
      path: /^\/api\/v2\/silences$/,
      name: 'silences',
      handle: async (q, r) => {
        auth.require(q);
        sendJson(r, 200, addSilence(notifier, await readJson(q, postableSilence), clock.now()));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v2\/silence\/([^/]+)$/,
      name: 'silence',
      handle: async (_q, r, _u, [id]) => {
        const silence = notifier.getSilence(id!);
        if (!silence) throw new HttpError(404, `no silence ${id}`);
        sendJson(r, 200, gettableSilence(silence, clock.now()));
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/v2\/silence\/([^/]+)$/,
      name: 'silence',
      handle: async (q, r, _u, [id]) => {
        auth.require(q);
        if (!notifier.expireSilence(id!)) throw new HttpError(404, `no silence ${id}`);
        sendJson(r, 200, {});
      },
    },
    { method: 'GET', path: /^\/api\/v1\/groups$/, name: 'groups', handle: async (_q, r) => sendJson(r, 200, notifier.listGroups()) },
    {
      method: 'GET',
      path: /^\/api\/v1\/groups\/([^/]+)$/,
      name: 'group',
      handle: async (_q, r, _u, [id]) => {
        const group = notifier.group(id!);
        if (!group) throw new HttpError(404, `no group ${id}: it may have resolved`);
        sendJson(r, 200, group);
      },
    },
    {
      method: 'POST',
      path: /^\/api\/v1\/groups\/([^/]+)\/ack$/,
      name: 'ack',
      handle: async (q, r, url, [id]) => {
        const viaLink = url.searchParams.get('signature') !== null;
        if (viaLink) refuseLink(id!, url);
        else auth.require(q);
        const by = (await ackedBy(q)) ?? (viaLink ? 'signed link' : 'api');
        const group = notifier.acknowledge(id!, by, viaLink ? 'link' : 'token');
        if (!group) throw new HttpError(404, `no group ${id}: it may have resolved`);
        // The acknowledge page's form: a person, who reads a page, not JSON.
        if (q.headers.accept?.includes('text/html')) sendHtml(r, `<h1>Acknowledged</h1><p>${escapeHtml(groupTitle(group))}: acknowledged by ${escapeHtml(group.acknowledged!.by)} at ${group.acknowledged!.at}. Its escalation stops; new alerts in it are still told.</p>`);
        else sendJson(r, 200, group);
      },
    },
    {
      // A link opened on a phone is a GET; acknowledging takes a tap more, so that link previews do not.
      method: 'GET',
      path: /^\/api\/v1\/groups\/([^/]+)\/ack$/,
      name: 'ack',
      handle: async (_q, r, url, [id]) => {
        refuseLink(id!, url);
        const group = notifier.group(id!);
        if (!group) throw new HttpError(404, `no group ${id}: it may have resolved`);
        const title = escapeHtml(groupTitle(group));
        // No form action: the form posts to this page's own URL, under whatever prefix a proxy serves it.
        if (group.acknowledged) sendHtml(r, `<h1>${title}</h1><p>Already acknowledged by ${escapeHtml(group.acknowledged.by)} at ${group.acknowledged.at}.</p>`);
        else sendHtml(r, `<h1>Acknowledge ${title}?</h1><form method="post"><p><label>Your name <input name="by" maxlength="200" autocomplete="name"></label></p><button>Acknowledge</button></form>`);
      },
    },
  ];

  return async (request, response) => {
    let route: (typeof routes)[number] | undefined;
    try {
      const url = requestUrl(request.url ?? '/');
      const path = routePath(url.pathname, prefix);
      const candidates = routes.filter((r) => r.path.test(path));
      // HEAD is answered as GET, without the body (node:http leaves it out), as Alertmanager answers it.
      route = candidates.find((r) => r.method === request.method || (request.method === 'HEAD' && r.method === 'GET'));
      if (!route) {
        if (candidates.length > 0) throw new HttpError(405, `method ${request.method} not allowed on ${url.pathname}`);
        throw new HttpError(404, `no endpoint ${url.pathname}`);
      }
      const params = route.path.exec(path)!.slice(1).map((p) => {
        try {
          return decodeURIComponent(p);
        } catch {
          throw new HttpError(400, `path: not a valid URL component: ${JSON.stringify(p)}`);
        }
      });
      await route.handle(request, response, url, params);
    } catch (error) {
      if (error instanceof HttpError) {
        notifier.metrics.invalidRequests.inc({ endpoint: route?.name ?? 'unknown' });
        sendJson(response, error.status, errorBody(routePath((request.url ?? '').split('?')[0]!, prefix), error.message));
        // An unread body would keep the connection busy; a refused one is not worth reading.
        if (!request.complete) request.resume();
      } else {
        // The path only: the query may hold an acknowledge link's signature.
        options.log(`internal error on ${request.method} ${request.url?.split('?')[0]}: ${(error as Error).stack ?? String(error)}`);
        if (!response.headersSent) sendJson(response, 500, errorBody(routePath((request.url ?? '').split('?')[0]!, prefix), 'internal error'));
        else response.end();
      }
    }
  };
}

export function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
