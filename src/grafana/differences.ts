/**
 * What differs between what Grafana holds and what alertforge would put there, in words a reviewer
 * reads: a dashboard's top-level fields by name and panels by title; a datasource's fields.
 */
import type { Datasource } from './api.ts';

/** Members Grafana sets itself on save; they never count as a difference. */
const GRAFANA_OWNED = new Set(['id', 'version']);

type Json = Record<string, unknown>;

const panelsByTitle = (dashboard: Json) => {
  const panels = Array.isArray(dashboard.panels) ? (dashboard.panels as Json[]) : [];
  return new Map(panels.map((p) => [`${p.type === 'row' ? 'row' : 'panel'} "${String(p.title ?? '')}"`, JSON.stringify(p)]));
};

export function differences(remote: Json, local: Json): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(remote), ...Object.keys(local)])].filter((k) => !GRAFANA_OWNED.has(k) && k !== 'panels').sort();
  for (const key of keys) if (JSON.stringify(remote[key]) !== JSON.stringify(local[key])) out.push(key);
  const [before, after] = [panelsByTitle(remote), panelsByTitle(local)];
  for (const [name, json] of after) if (before.get(name) !== json) out.push(before.has(name) ? name : `${name} (new)`);
  for (const name of before.keys()) if (!after.has(name)) out.push(`${name} (removed)`);
  return out;
}

/**
 * The datasource's fields that differ from those wanted: its type, its URL when one is wanted, and
 * each member of jsonData wanted (others an admin set are not alertforge's business).
 */
export function datasourceDifferences(remote: Datasource, wanted: Pick<Datasource, 'type' | 'url' | 'jsonData'>): string[] {
  const out: string[] = [];
  if (remote.type !== wanted.type) out.push('type');
  if (wanted.url !== undefined && remote.url !== wanted.url) out.push('url');
  for (const [key, value] of Object.entries(wanted.jsonData ?? {})) if (JSON.stringify(remote.jsonData?.[key]) !== JSON.stringify(value)) out.push(key);
  return out;
}
