/**
 * The notifier's HTTP API (node:http): Alertmanager's v2 endpoints that Prometheus and amtool use,
 * the groups and acknowledgement API, health, reload and metrics. Every bad request is a 4xx
 * naming the field; an unexpected error is a 500 and is logged; nothing a client sends stops it.
 */
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock.ts';
import type { Notifier } from '../notifier.ts';
import { durationMs } from '../duration.ts';
import { postableAlertsBody, readPostableAlerts } from '../model/postable-alerts.ts';
import { sendGettableAlertGroups, sendGettableAlerts } from './alerts-api.ts';
import type { BearerAuth } from './auth.ts';
import { groupLinkRoutes } from './group-link-pages.ts';
import { HttpError } from './http-error.ts';
import { parseJson, readBody, readJson, requireJson } from './read-body.ts';
import { saved } from './saved.ts';
import { sendJson, sendJsonArray, sendText } from './responses.ts';
import type { ApiRoute } from './route.ts';
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

/**
 * An error's body. Alertmanager's v2 API answers one as a JSON string, which amtool prints as the
 * reason (an object it cannot read, and says only that); the notifier's own endpoints answer
 * `{"error": "..."}`.
 */
function errorBody(path: string, message: string): unknown {
  return path.startsWith('/api/v2/') ? message : { error: message };
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

  const routes: ApiRoute[] = [
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
        requireJson(q);
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
    { method: 'GET', path: /^\/api\/v2\/alerts$/, name: 'alerts', handle: (_q, r, url) => sendGettableAlerts(r, notifier, url.searchParams) },
    { method: 'GET', path: /^\/api\/v2\/alerts\/groups$/, name: 'alert groups', handle: (_q, r, url) => sendGettableAlertGroups(r, notifier, url.searchParams) },
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
        const added = addSilence(notifier, await readJson(q, postableSilence), clock.now());
        await saved(notifier);
        sendJson(r, 200, added);
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
        await saved(notifier);
        sendJson(r, 200, {});
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/groups$/,
      name: 'groups',
      handle: (_q, r) => {
        const { ids, view } = notifier.groupViews();
        return sendJsonArray(r, ids, view);
      },
    },
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
    ...groupLinkRoutes(notifier, auth, clock),
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
      const path = routePath((request.url ?? '').split('?')[0]!, prefix);
      if (error instanceof HttpError) {
        notifier.metrics.invalidRequests.inc({ endpoint: route?.name ?? 'unknown' });
        sendJson(response, error.status, errorBody(path, error.message));
        // An unread body would keep the connection busy; a refused one is not worth reading.
        if (!request.complete) request.resume();
      } else {
        // The path only: the query may hold an acknowledge link's signature.
        options.log(`internal error on ${request.method} ${request.url?.split('?')[0]}: ${(error as Error).stack ?? String(error)}`);
        if (!response.headersSent) sendJson(response, 500, errorBody(path, 'internal error'));
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
