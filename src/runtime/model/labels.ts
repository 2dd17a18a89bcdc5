/** Label sets: the identity of an alert and the key of a group. */
import { Buffer } from 'node:buffer';
import { goQuote } from './go-quote.ts';
export type Labels = Readonly<Record<string, string>>;

/**
 * The value of a label, or '' when the set has none, as Alertmanager reads a missing label. A
 * lookup by name reaches Object.prototype: a matcher on `constructor` or `valueOf` (a silence, a
 * filter) must see no label there, not a function.
 */
export function labelValue(labels: Labels, name: string): string {
  return Object.hasOwn(labels, name) ? labels[name]! : '';
}

/** A label name, as Prometheus and Alertmanager 0.25 accept it. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label set in braces, names sorted, each value quoted by `quote`: `{alertname="X", connector="crm"}`. */
function labelSetText(labels: Labels, quote: (value: string) => string): string {
  return `{${Object.keys(labels)
    .sort()
    .map((name) => `${name}=${quote(labels[name]!)}`)
    .join(', ')}}`;
}

/** Alertmanager's label-set notation with JSON-quoted values: the notifier's keys of groups (kept as they are in state files) and message text. */
export function formatLabels(labels: Labels): string {
  return labelSetText(labels, JSON.stringify);
}

/** A label set as Alertmanager writes it in a group's key (Prometheus's LabelSet.String): values quoted as Go's %q quotes them. */
export function alertmanagerLabels(labels: Labels): string {
  return labelSetText(labels, goQuote);
}

/**
 * Alertmanager's id of a label set (Prometheus's LabelSet.Fingerprint): 64-bit FNV-1a over each
 * name and value in name order, as UTF-8, each followed by the byte 0xff, which UTF-8 never holds.
 * The same alert has the same fingerprint here as in Alertmanager, so what keys alerts by it
 * (webhook consumers, dashboards such as karma) keeps working when a team moves from one to the other.
 */
export function fingerprint(labels: Labels): string {
  begin();
  // Prometheus posts labels in name order (Go sorts map keys): sort only when they are not.
  let previous = '';
  for (const name in labels) {
    if (name < previous) return sortedFingerprint(labels);
    previous = name;
    hashText(name);
    hashText(labels[name]!);
  }
  return finish();
}

function sortedFingerprint(labels: Labels): string {
  begin();
  for (const name of Object.keys(labels).sort()) {
    hashText(name);
    hashText(labels[name]!);
  }
  return finish();
}

/**
 * The hash of the label set being hashed, its high and low 32 bits, in a typed array so that
 * hashing each text is a function of its own with nothing allocated.
 */
const state = new Int32Array(2);
/** FNV's 64-bit prime is 2^40 + FNV_PRIME_LOW: a product by it is one by FNV_PRIME_LOW plus a shift. */
const FNV_PRIME_LOW = 0x1b3;
const TWO_TO_MINUS_32 = 2 ** -32;
const SEPARATOR = 0xff;

function begin(): void {
  // FNV's 64-bit offset basis, 0xcbf29ce484222325.
  state[0] = 0xcbf29ce4;
  state[1] = 0x84222325;
}

/**
 * Hashes the UTF-8 bytes of `text`, then the separator. Label text is ASCII nearly always, its
 * characters its bytes; from the first that is not, the rest is hashed as its UTF-8 bytes, each
 * a character of a latin1 string (`bytes`).
 */
function hashText(text: string, bytes = false): void {
  let high = state[0]!;
  let low = state[1]!;
  for (let i = 0; i <= text.length; i++) {
    let byte = SEPARATOR;
    if (i < text.length) {
      byte = text.charCodeAt(i);
      if (byte >= 0x80 && !bytes) {
        state[0] = high;
        state[1] = low;
        // A lone surrogate becomes U+FFFD, as Go's JSON decoder makes it.
        hashText(Buffer.from(text.slice(i)).toString('latin1'), true);
        return;
      }
    }
    // One FNV-1a step: xor the byte in, multiply by the prime modulo 2^64. The high word gains the
    // carry of the low word's product (exact in a double, under 2^41) and the low word shifted by 40.
    low ^= byte;
    high = (Math.imul(high, FNV_PRIME_LOW) + (((low >>> 0) * FNV_PRIME_LOW * TWO_TO_MINUS_32) | 0) + (low << 8)) | 0;
    low = Math.imul(low, FNV_PRIME_LOW);
  }
  state[0] = high;
  state[1] = low;
}

function finish(): string {
  return hex64(state[0]!, state[1]!);
}

const HEX_DIGITS = [...'0123456789abcdef'].map((digit) => digit.charCodeAt(0));

/**
 * 16 hex digits in one flat string: a string joined from parts is a rope that every map lookup
 * must flatten first, and the fingerprint is looked up for every alert received.
 */
function hex64(high: number, low: number): string {
  const digits: number[] = new Array(16);
  for (let i = 0; i < 8; i++) {
    digits[i] = HEX_DIGITS[(high >>> (28 - 4 * i)) & 15]!;
    digits[8 + i] = HEX_DIGITS[(low >>> (28 - 4 * i)) & 15]!;
  }
  return String.fromCharCode(...digits);
}

/** Strings in code unit order, as a comparator: Go's order of strings for the ASCII of label names and most values. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Label sets in Prometheus's order (its LabelSet.Before): fewer labels first; then, at the first
 * label name in name order where they differ, the set without it, or with the smaller value.
 */
export function compareLabelSets(a: Labels, b: Labels): number {
  const names = Object.keys(a);
  const others = Object.keys(b);
  if (names.length !== others.length) return names.length - others.length;
  for (const name of [...new Set([...names, ...others])].sort()) {
    const value = a[name];
    const other = b[name];
    if (value === undefined) return -1;
    if (other === undefined) return 1;
    if (value !== other) return value < other ? -1 : 1;
  }
  return 0;
}

/** The labels Alertmanager orders a group's alerts by first. */
const ORDERING_LABELS = ['job', 'instance'] as const;

/**
 * Alertmanager's order of the alerts of a group (its AlertSlice), in its API's groups and in every
 * message: by job, then by instance, an alert without the label after those with it; then by label
 * set (compareLabelSets). A webhook consumer that reads the first alerts, and max_alerts, which
 * keeps them, see the same alerts first as from Alertmanager.
 */
export function compareAlertLabels(a: Labels, b: Labels): number {
  for (const name of ORDERING_LABELS) {
    const value = a[name];
    const other = b[name];
    if (value === other) continue;
    if (value === undefined) return 1;
    if (other === undefined) return -1;
    return compareText(value, other);
  }
  return compareLabelSets(a, b);
}

/** The labels every one of the sets has with the same value. */
export function commonLabels(sets: readonly Labels[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  const common: Record<string, string> = {};
  for (const [name, value] of Object.entries(first)) {
    if (rest.every((set) => set[name] === value)) putLabel(common, name, value);
  }
  return common;
}

/**
 * Adds a label to a set being built. `__proto__` is a valid label name, and assigned it would set
 * the object's prototype instead, dropping the label (and merging groups that differ in it).
 */
export function putLabel(labels: Record<string, string>, name: string, value: string): void {
  if (name === '__proto__') Object.defineProperty(labels, name, { value, enumerable: true, writable: true, configurable: true });
  else labels[name] = value;
}
