/**
 * What differs between the dashboard in Grafana and the generated one, in words a reviewer reads:
 * top-level fields by name, panels by title.
 */

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
