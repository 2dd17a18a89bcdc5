/**
 * Panel ids from titles, not positions: adding or moving a panel leaves every other panel's id (and
 * so its `viewPanel=` links) as it was. Titles are unique within a dashboard (validate.ts checks).
 */

const ID_SPACE = 0x7ffffffe;

/** FNV-1a over the title, folded into Grafana's positive 31-bit id range. */
export function panelId(title: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(title, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return (hash % ID_SPACE) + 1;
}

/** A row's id: its title in a space of its own, so a row and a panel may share a title. */
export const rowId = (title: string): number => panelId(`row\u0000${title}`);

/**
 * Hands out ids, each unique in its dashboard: on the rare hash collision (a few in a million for a
 * hundred panels, more for the thousands of a large rules dashboard) the later panel, in dashboard
 * order, takes the next free id.
 */
export function idAllocator(): (id: number) => number {
  const taken = new Set<number>();
  return (id) => {
    let free = id;
    while (taken.has(free)) free = (free % ID_SPACE) + 1;
    taken.add(free);
    return free;
  };
}
