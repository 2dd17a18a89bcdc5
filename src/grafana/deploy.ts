/**
 * Deploys generated/grafana/dashboards to a Grafana: the folder (created if missing), the Prometheus
 * datasource every panel references (created or updated), and each dashboard upserted with a
 * message naming its source. A dry run, and `diff`, say what would change without changing it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GRAFANA_DASHBOARDS_DIR, GRAFANA_DATASOURCE_UID } from '../sdk/conventions.ts';
import type { GrafanaClient } from './client.ts';

export type Outcome = 'created' | 'updated' | 'unchanged';

export interface DashboardChange {
  readonly uid: string;
  readonly title: string;
  readonly outcome: Outcome;
  /** Top-level fields and panel titles that differ, for an update. */
  readonly changes: readonly string[];
}

export interface DeployOptions {
  readonly folder: string;
  readonly dryRun: boolean;
  /** The Prometheus URL the datasource points at. */
  readonly prometheusUrl: string;
}

const folderSchema = z.object({ uid: z.string(), title: z.string() });
const existingSchema = z.object({ dashboard: z.record(z.string(), z.unknown()) });

type DashboardJson = Record<string, unknown> & { uid: string; title: string; __generated?: string };

export async function readGeneratedDashboards(root: string): Promise<DashboardJson[]> {
  const dir = join(root, GRAFANA_DASHBOARDS_DIR);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as DashboardJson));
}

/** The fields Grafana adds or bumps itself, left out of comparisons. */
function comparable(dashboard: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _version, ...rest } = dashboard;
  return rest;
}

/** What differs between Grafana's copy and ours: changed top-level fields and panels by title. */
export function differences(remote: Record<string, unknown>, local: Record<string, unknown>): string[] {
  const a = comparable(remote);
  const b = comparable(local);
  const out: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (key === 'panels') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push(key);
  }
  const panels = (d: Record<string, unknown>) => new Map(((d.panels as { title?: string }[] | undefined) ?? []).map((p) => [p.title ?? '', JSON.stringify(p)]));
  const [before, after] = [panels(a), panels(b)];
  for (const [title, json] of after) if (before.get(title) !== json) out.push(before.has(title) ? `panel "${title}"` : `panel "${title}" (new)`);
  for (const title of before.keys()) if (!after.has(title)) out.push(`panel "${title}" (removed)`);
  return out;
}

async function ensureFolder(client: GrafanaClient, title: string, dryRun: boolean): Promise<{ uid: string | undefined; created: boolean }> {
  const folders = z.array(folderSchema).parse(await client.call('GET', '/api/folders?limit=1000'));
  const found = folders.find((f) => f.title === title);
  if (found) return { uid: found.uid, created: false };
  if (dryRun) return { uid: undefined, created: true };
  const created = folderSchema.parse(await client.call('POST', '/api/folders', { title }));
  return { uid: created.uid, created: true };
}

async function ensureDatasource(client: GrafanaClient, url: string, dryRun: boolean): Promise<Outcome> {
  const wanted = { uid: GRAFANA_DATASOURCE_UID, name: 'Prometheus (alertforge)', type: 'prometheus', access: 'proxy', url };
  const existing = (await client.call('GET', `/api/datasources/uid/${GRAFANA_DATASOURCE_UID}`, undefined, true)) as Record<string, unknown> | undefined;
  if (!existing) {
    if (!dryRun) await client.call('POST', '/api/datasources', wanted);
    return 'created';
  }
  if (existing.url === url && existing.type === 'prometheus') return 'unchanged';
  if (!dryRun) await client.call('PUT', `/api/datasources/uid/${GRAFANA_DATASOURCE_UID}`, { ...existing, ...wanted });
  return 'updated';
}

export interface DeployReport {
  readonly folder: { readonly title: string; readonly created: boolean };
  readonly datasource: Outcome;
  readonly dashboards: readonly DashboardChange[];
}

export async function deploy(client: GrafanaClient, root: string, options: DeployOptions): Promise<DeployReport> {
  const dashboards = await readGeneratedDashboards(root);
  const folder = await ensureFolder(client, options.folder, options.dryRun);
  const datasource = await ensureDatasource(client, options.prometheusUrl, options.dryRun);
  const changes: DashboardChange[] = [];
  for (const dashboard of dashboards) {
    const existing = await client.call('GET', `/api/dashboards/uid/${encodeURIComponent(dashboard.uid)}`, undefined, true);
    const remote = existing === undefined ? undefined : existingSchema.parse(existing).dashboard;
    const diff = remote ? differences(remote, dashboard) : [];
    const outcome: Outcome = !remote ? 'created' : diff.length ? 'updated' : 'unchanged';
    if (outcome !== 'unchanged' && !options.dryRun) {
      const message = `alertforge: ${dashboard.__generated ?? `generated ${dashboard.uid}`}`.slice(0, 500);
      await client.call('POST', '/api/dashboards/db', { dashboard: { ...dashboard, id: null }, folderUid: folder.uid, overwrite: true, message });
    }
    changes.push({ uid: dashboard.uid, title: dashboard.title, outcome, changes: diff });
  }
  return { folder: { title: options.folder, created: folder.created }, datasource, dashboards: changes };
}
