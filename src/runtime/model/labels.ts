/** Label sets: the identity of an alert and the key of a group. */
export type Labels = Readonly<Record<string, string>>;

/** A label name, as Prometheus and Alertmanager 0.25 accept it. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Alertmanager's label-set notation, names sorted: `{alertname="X", connector="crm"}`. */
export function formatLabels(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(', ')}}`;
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
 * The hash of the label set being hashed, its high and low 32 bits, in a typed array so that each
 * byte is a call of its own with nothing allocated.
 */
const state = new Int32Array(2);
/** FNV's 64-bit prime is 2^40 + FNV_PRIME_LOW: a product by it is one by FNV_PRIME_LOW plus a shift. */
const FNV_PRIME_LOW = 0x1b3;
const SEPARATOR = 0xff;

function begin(): void {
  // FNV's 64-bit offset basis, 0xcbf29ce484222325.
  state[0] = 0xcbf29ce4;
  state[1] = 0x84222325;
}

/** Hashes the UTF-8 bytes of `text`, then the separator. */
function hashText(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code < 0x80) {
      hashByte(code);
      continue;
    }
    if (code > 0xffff) i++;
    const bytes = utf8(code);
    for (let shift = code < 0x800 ? 8 : code < 0x10000 ? 16 : 24; shift >= 0; shift -= 8) hashByte((bytes >>> shift) & 0xff);
  }
  hashByte(SEPARATOR);
}

/**
 * One FNV-1a step: xor the byte in, multiply by the prime modulo 2^64. The low word's product by
 * the prime's low part is taken 16 bits at a time so every figure stays a small integer; its carry
 * and the low word shifted by 40 go to the high word.
 */
function hashByte(byte: number): void {
  const low = state[1]! ^ byte;
  const bottom = (low & 0xffff) * FNV_PRIME_LOW;
  const middle = (low >>> 16) * FNV_PRIME_LOW + (bottom >>> 16);
  state[0] = Math.imul(state[0]!, FNV_PRIME_LOW) + (middle >>> 16) + (low << 8);
  state[1] = (middle << 16) | (bottom & 0xffff);
}

/**
 * The UTF-8 bytes of a code point from U+0080 on, packed into one number, first byte highest. A
 * lone surrogate is U+FFFD, as Go's JSON decoder makes it.
 */
function utf8(code: number): number {
  if (code < 0x800) return ((0xc0 | (code >> 6)) << 8) | (0x80 | (code & 0x3f));
  if (code < 0x10000) {
    const scalar = code >= 0xd800 && code <= 0xdfff ? 0xfffd : code;
    return ((0xe0 | (scalar >> 12)) << 16) | ((0x80 | ((scalar >> 6) & 0x3f)) << 8) | (0x80 | (scalar & 0x3f));
  }
  return ((0xf0 | (code >> 18)) << 24) | ((0x80 | ((code >> 12) & 0x3f)) << 16) | ((0x80 | ((code >> 6) & 0x3f)) << 8) | (0x80 | (code & 0x3f));
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
