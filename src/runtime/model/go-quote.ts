/**
 * Go's strconv.Quote (fmt's %q): how Alertmanager writes label values in a group's key, so that
 * a webhook consumer keyed by groupKey gets the same key from the notifier.
 */

/** Go's unicode.IsPrint beyond ASCII: letters, marks, numbers, punctuation and symbols. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const SHORT_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

/** A character's code point as Go's %U prints it: U+0071, U+1F600 (a lone surrogate's unit too). */
export function goCodePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` in double quotes, escaped as Go's %q escapes it. */
export function goQuote(text: string): string {
  // Nearly every label value: printable ASCII without a quote or a backslash.
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return `"${text}"`;
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') quoted += `\\${char}`;
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0x80 && PRINTABLE.test(char))) quoted += char;
    else if (SHORT_ESCAPES[code]) quoted += SHORT_ESCAPES[code];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) quoted += `\\u${hex(code, 4)}`;
    else quoted += `\\U${hex(code, 8)}`;
  }
  return `${quoted}"`;
}
