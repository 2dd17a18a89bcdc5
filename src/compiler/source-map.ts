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
    // Running values: the generated column restarts on each line, the others carry across lines.
    let column = 0;
    let source = 0;
    let originalLine = 0;
    let count = 0;
    let line = 0;
    let fields = 0;
    let value = 0;
    let shift = 0;
    const end = (): void => {
      this.lines[count] = line;
      this.columns[count] = column;
      this.sourceIndexes[count] = fields >= 4 ? source : -1;
      this.originalLines[count++] = originalLine;
      fields = 0;
    };
    for (let at = 0; at < mappings.length; at++) {
      const c = mappings.charCodeAt(at);
      if (c === COMMA || c === SEMICOLON) {
        if (fields > 0) end();
        if (c === SEMICOLON) {
          line++;
          column = 0;
        }
        continue;
      }
      // A VLQ field: base64 digits of 5 bits, low bits first, a set sixth bit when more follow;
      // the value's lowest bit is its sign.
      const digit = c < 128 ? DIGITS[c]! : -1;
      if (digit < 0) throw new Error(`source map: bad mapping character at ${at}`);
      value |= (digit & 31) << shift;
      shift += 5;
      if (digit & 32) continue;
      const delta = value & 1 ? -(value >>> 1) : value >>> 1;
      if (fields === 0) column += delta;
      else if (fields === 1) source += delta;
      else if (fields === 2) originalLine += delta;
      fields++;
      value = 0;
      shift = 0;
    }
    if (fields > 0) end();
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
