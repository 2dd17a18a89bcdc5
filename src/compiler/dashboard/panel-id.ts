/**
 * Panel ids from titles, not positions: adding or moving a panel leaves every other panel's id (and
 * so its `viewPanel=` links) as it was. Titles are unique within a dashboard (validate.ts checks),
 * and a hash collision is reported there too.
 */

/** FNV-1a over the title, folded into Grafana's positive 31-bit id range. */
export function panelId(title: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(title, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return (hash % 0x7ffffffe) + 1;
}

/** A row's id: its title in a space of its own, so a row and a panel may share a title. */
export const rowId = (title: string): number => panelId(`row\u0000${title}`);
