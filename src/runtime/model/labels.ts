/** Label sets: the identity of an alert and the key of a group. */
import { createHash } from 'node:crypto';

export type Labels = Readonly<Record<string, string>>;

/** Alertmanager's label-set notation, names sorted: `{alertname="X", connector="crm"}`. */
export function formatLabels(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(', ')}}`;
}

/** A stable short id of a label set: the same labels, the same alert. */
export function fingerprint(labels: Labels): string {
  return createHash('sha256').update(formatLabels(labels)).digest('hex').slice(0, 16);
}

/** The labels every one of the sets has with the same value. */
export function commonLabels(sets: readonly Labels[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  const common: Record<string, string> = {};
  for (const [name, value] of Object.entries(first)) {
    if (rest.every((set) => set[name] === value)) common[name] = value;
  }
  return common;
}
