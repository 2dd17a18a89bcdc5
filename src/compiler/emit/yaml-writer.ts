/**
 * A small block-style YAML writer for the plain data the emitters produce (maps, lists, strings,
 * numbers, booleans). The yaml library spends about a second on 10,000 rules; this spends a few
 * milliseconds, and quotes as conservatively as Go's YAML 1.1 readers (Prometheus, Alertmanager)
 * need: a string stays plain only when no reader could take it for anything else.
 */
export type YamlValue = string | number | boolean | null | undefined | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** YAML 1.1 booleans and nulls that Go's readers would turn into something else. */
const SPECIAL_WORDS = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
/** Anything YAML 1.1 might read as a number (ints, floats, sexagesimal, underscores, hex, octal). */
const NUMBER_LIKE = /^[-+]?(?:\.?[0-9][0-9_:.]*(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|\.inf|\.nan)$/i;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
/** Characters YAML does not read as themselves in a plain scalar: controls, line breaks, byte order marks, non-characters. */
const NOT_PLAIN_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/** Those of them JSON.stringify leaves as they are. */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

function isPlainSafe(text: string): boolean {
  return (
    text !== '' &&
    !INDICATOR_START.test(text) &&
    !/\s$/.test(text) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(':') &&
    !NOT_PLAIN_CHARACTER.test(text) &&
    !SPECIAL_WORDS.test(text) &&
    !NUMBER_LIKE.test(text)
  );
}

/**
 * A scalar as YAML: plain when safe, else double-quoted (JSON's escapes are YAML's), with what JSON
 * leaves raw and YAML reads otherwise escaped too: DEL and the C1 controls, which Go's readers
 * refuse, and U+2028 and U+2029, which they take for line breaks.
 */
export function yamlScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (typeof value === 'boolean') return String(value);
  return isPlainSafe(value) ? value : JSON.stringify(value).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A list or map with nothing to write: members left undefined are not written (a route of no fields is `{}`). */
function isEmpty(value: readonly YamlValue[] | { readonly [key: string]: YamlValue }): boolean {
  return (Array.isArray(value) ? (value as readonly YamlValue[]) : Object.values(value)).every((member) => member === undefined);
}

function isScalar(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function block(value: YamlValue, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value as readonly YamlValue[]) {
      if (item === undefined) continue;
      if (isScalar(item)) out.push(`${indent}- ${yamlScalar(item)}`);
      else if (isEmpty(item)) out.push(`${indent}- ${Array.isArray(item) ? '[]' : '{}'}`);
      else {
        const nested: string[] = [];
        block(item, `${indent}  `, nested);
        out.push(`${indent}- ${nested[0]!.slice(indent.length + 2)}`, ...nested.slice(1));
      }
    }
    return;
  }
  for (const [key, item] of Object.entries(value as { readonly [key: string]: YamlValue })) {
    if (item === undefined) continue;
    const name = yamlScalar(key);
    if (isScalar(item)) out.push(`${indent}${name}: ${yamlScalar(item)}`);
    else if (isEmpty(item)) out.push(`${indent}${name}: ${Array.isArray(item) ? '[]' : '{}'}`);
    else {
      out.push(`${indent}${name}:`);
      block(item, Array.isArray(item) ? `${indent}  ` : `${indent}  `, out);
    }
  }
}

/** A document in block style, keys in the order given, `undefined` members left out. */
export function toYaml(value: YamlValue): string {
  if (isScalar(value)) return `${yamlScalar(value)}\n`;
  const out: string[] = [];
  block(value, '', out);
  return `${out.join('\n')}\n`;
}

/** A record with its keys sorted, so output does not depend on the order sources wrote them in. */
export function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]!]));
}
