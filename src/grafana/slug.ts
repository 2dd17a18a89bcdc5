/**
 * Grafana's slug of a dashboard title, by which Grafana before 11.3 tells the dashboards of a folder
 * apart: a save whose title has the slug of another dashboard's in the folder is refused (412
 * name-exists), or with overwrite takes that dashboard over.
 *
 * The rule of pkg/infra/slugify since Grafana 10.1; 9.x turned each run of other characters into
 * one dash. Grafana transliterates accented letters from a table (é -> e, ü -> ue); here an accented
 * letter becomes its base letter, so two such titles may compare differently.
 */
import { createHash } from 'node:crypto';

const REPLACED: Readonly<Record<string, string>> = { ' ': '-', '&': 'and', '@': 'at' };
const OMITTED = new Set([',', '"', "'", '\n', '\r', '\0', '?', '.', '(', ')']);
const KEPT = /^[a-z0-9_-]$/;
const LONGEST = 50;
/** RFC 4122's namespace for OIDs, which Grafana names long or empty slugs in. */
const OID_NAMESPACE = Buffer.from('6ba7b8129dad11d180b400c04fd430c8', 'hex');

/** A name-based (version 5) UUID, as Go's uuid.NewSHA1 makes it. */
function uuidV5(name: string): string {
  const bytes = createHash('sha1').update(OID_NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

function slugOf(char: string): string {
  if (REPLACED[char] !== undefined) return REPLACED[char];
  if (KEPT.test(char)) return char;
  if (OMITTED.has(char)) return '';
  const base = char.normalize('NFD')[0]!;
  if (base !== char && /^[a-z]$/.test(base)) return base;
  // Anything else is written as its UTF-8 bytes in hex, each without a leading zero, as Grafana does.
  return [...Buffer.from(char)].map((byte) => byte.toString(16)).join('');
}

export function grafanaSlug(title: string): string {
  const slug = [...title.trim().toLowerCase()].map(slugOf).join('');
  return slug === '' || slug.length > LONGEST ? uuidV5(title) : slug;
}
