import { isUtf8 } from 'node:buffer';
import { goCodePoint } from '../runtime/model/go-quote.ts';

/**
 * A backslash escape in a Go-quoted string, as Go's strconv and Prometheus's PromQL lexer read
 * it: \a \b \f \n \r \t \v \\, the string's own quote, three octal digits up to \377, \x and two
 * hex digits, \u and four, \U and eight, naming a character (not half of a surrogate pair). Alert
 * templates and PromQL strings both take these and no others; each says what is wrong in its
 * program's words.
 */
export type GoEscape =
  | { readonly length: number; readonly problem?: undefined; readonly value: number; readonly isByte: boolean }
  | { readonly problem: 'unknown escape' | 'illegal character' | 'invalid code point'; readonly char: string };

/** The one-letter escapes, by the byte each stands for. */
const SINGLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
/** After the backslash: how many digits, in which base, up to what value; whether it is a byte or a character. */
const NUMERIC: Readonly<Record<string, { digits: number; base: number; max: number; skip: number; isByte: boolean }>> = {
  x: { digits: 2, base: 16, max: 0xff, skip: 1, isByte: true },
  u: { digits: 4, base: 16, max: 0x10ffff, skip: 1, isByte: false },
  U: { digits: 8, base: 16, max: 0x10ffff, skip: 1, isByte: false },
};
const OCTAL = { digits: 3, base: 8, max: 0xff, skip: 0, isByte: true };

/** The character at `at` (a whole surrogate pair), for messages. */
const charAt = (text: string, at: number) => (at < text.length ? String.fromCodePoint(text.codePointAt(at)!) : '');

/**
 * The escape whose backslash is at `at` in the quoted `text` (its quotes included, so that an
 * escape cut short runs into the closing quote, as the lexers read it): its length and what it
 * stands for (a byte, or a character's code point), or its problem.
 */
export function goEscapeAt(text: string, at: number): GoEscape {
  const quote = text[0];
  const c = text[at + 1] ?? '';
  if (c in SINGLE) return { length: 2, value: SINGLE[c]!, isByte: true };
  if (c === quote) return { length: 2, value: c.charCodeAt(0), isByte: true };
  const numeric = c >= '0' && c <= '7' ? OCTAL : NUMERIC[c];
  if (!numeric) return { problem: 'unknown escape', char: charAt(text, at + 1) };
  const start = at + 1 + numeric.skip;
  const digits = text.slice(start, start + numeric.digits);
  for (let i = 0; i < numeric.digits; i++) {
    if (!(parseInt(digits[i] ?? '', numeric.base) >= 0)) return { problem: 'illegal character', char: charAt(text, start + i) };
  }
  const value = parseInt(digits, numeric.base);
  if (value > numeric.max || (value >= 0xd800 && value < 0xe000)) return { problem: 'invalid code point', char: '' };
  return { length: start + numeric.digits - at, value, isByte: numeric.isByte };
}

/** A character as Go's %#U prints it: U+0071 'q'. */
export function goCharacterName(char: string): string {
  const code = goCodePoint(char);
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `${code} '${char}'` : code;
}

/** A Go-quoted string's bytes, as strconv.Unquote reads them: `\x` and octal escapes are bytes. */
function goUnquotedBytes(literal: string): Buffer {
  const chunks: Buffer[] = [];
  const end = literal.length - 1;
  for (let at = 1; at < end; ) {
    const slash = literal.indexOf('\\', at);
    const runEnd = slash < 0 || slash >= end ? end : slash;
    if (runEnd > at) chunks.push(Buffer.from(literal.slice(at, runEnd), 'utf8'));
    if (runEnd === end) break;
    const escape = goEscapeAt(literal, runEnd);
    if (escape.problem !== undefined) {
      // Kept as written: the checks of the string report it.
      chunks.push(Buffer.from('\\'));
      at = runEnd + 1;
      continue;
    }
    chunks.push(escape.isByte ? Buffer.from([escape.value]) : Buffer.from(String.fromCodePoint(escape.value), 'utf8'));
    at = runEnd + escape.length;
  }
  return Buffer.concat(chunks);
}

/**
 * A Go-quoted string's value, as strconv.Unquote (and Prometheus's, which takes single quotes too)
 * reads it: `"\xc3\xa9"` is é; backticks are raw; bytes that are no UTF-8 read as U+FFFD. An escape
 * goEscapeAt refuses is kept as written (the refusal is reported where the string is checked).
 */
export function goUnquote(literal: string): string {
  const body = literal.slice(1, -1);
  return literal[0] === '`' || !body.includes('\\') ? body : goUnquotedBytes(literal).toString('utf8');
}

/** Whether a Go-quoted string's bytes are UTF-8 (`"\xc3"` is not): Go's regexp refuses a pattern that is not. */
export function goUnquotesToUtf8(literal: string): boolean {
  return literal[0] === '`' || !literal.includes('\\') || isUtf8(goUnquotedBytes(literal));
}
