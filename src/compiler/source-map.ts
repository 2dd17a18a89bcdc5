/**
 * Where a position in the bundle of the sources came from, by its source map. Node's SourceMap
 * decodes every mapping into an array of its own before the first lookup, a fifth of a second for
 * 10,000 rules; this keeps them in typed arrays. Lookups are Node's findEntry: the last mapping at
 * or before the position, on its line or an earlier one.
 */

export interface SourceMapPayload {
  readonly sources: readonly string[];
  readonly mappings: string;
}

export interface OriginalPosition {
  /** The source as the map names it (a path relative to the bundle, or a URL). */
  readonly source: string;
  /** 0-based. */
  readonly line: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGITS[BASE64.charCodeAt(i)] = i;
const COMMA = 44;
const SEMICOLON = 59;

export class BundleSourceMap {
  /** Per mapping, in order: generated line and column, source index (-1: maps to nothing), original line. */
  private readonly lines: Int32Array;
  private readonly columns: Int32Array;
  private readonly sourceIndexes: Int32Array;
  private readonly originalLines: Int32Array;
  private readonly count: number;

  constructor(private readonly payload: SourceMapPayload) {
    const { mappings } = payload;
    // At most one mapping per separator, plus the last.
    let capacity = 1;
    for (let i = 0; i < mappings.length; i++) {
      const c = mappings.charCodeAt(i);
      if (c === COMMA || c === SEMICOLON) capacity++;
    }
    this.lines = new Int32Array(capacity);
    this.columns = new Int32Array(capacity);
    this.sourceIndexes = new Int32Array(capacity);
    this.originalLines = new Int32Array(capacity);
    let count = 0;
    let line = 0;
    let column = 0;
    let source = 0;
    let originalLine = 0;
    let at = 0;
    // One VLQ field: base64 digits of 5 bits, low bits first, the sign in the lowest bit.
    const field = (): number => {
      let value = 0;
      let shift = 0;
      let digit: number;
      do {
        digit = DIGITS[mappings.charCodeAt(at++)]!;
        if (digit < 0) throw new Error(`source map: bad mapping character at ${at - 1}`);
        value += (digit & 31) * 2 ** shift;
        shift += 5;
      } while (digit & 32);
      return value % 2 === 1 ? -(value - 1) / 2 : value / 2;
    };
    const separator = (c: number) => c === COMMA || c === SEMICOLON || Number.isNaN(c);
    while (at < mappings.length) {
      const c = mappings.charCodeAt(at);
      if (c === SEMICOLON) {
        line++;
        column = 0;
        at++;
        continue;
      }
      if (c === COMMA) {
        at++;
        continue;
      }
      column += field();
      this.lines[count] = line;
      this.columns[count] = column;
      if (separator(mappings.charCodeAt(at))) {
        this.sourceIndexes[count++] = -1;
        continue;
      }
      source += field();
      originalLine += field();
      field(); // original column
      if (!separator(mappings.charCodeAt(at))) field(); // name
      this.sourceIndexes[count] = source;
      this.originalLines[count++] = originalLine;
    }
    this.count = count;
  }

  /** The original of a 0-based generated line and column; undefined where nothing maps. */
  find(line: number, column: number): OriginalPosition | undefined {
    // The last mapping at or before (line, column).
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const l = this.lines[middle]!;
      if (l < line || (l === line && this.columns[middle]! <= column)) low = middle + 1;
      else high = middle;
    }
    const found = low - 1;
    if (found < 0) return undefined;
    const source = this.sourceIndexes[found]!;
    const name = source < 0 ? undefined : this.payload.sources[source];
    return name === undefined ? undefined : { source: name, line: this.originalLines[found]! };
  }
}
