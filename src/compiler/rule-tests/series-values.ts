/**
 * Input series values as promtool reads them: it appends the string to the series and parses the
 * line with the PromQL lexer in series mode (promql/parser/lex.go, lexValueSequence) and the
 * grammar's series_values (generated_parser.y), refusing the whole test file over one bad string.
 * Checked here so the build names the test and the series instead.
 */

/** The notation, for a hint. */
export const SERIES_NOTATION =
  'values are separated by spaces: a number (-1, 2.5, 1e3, Inf, NaN), stale, or _ (missing); ' +
  'a+bxn is a then n steps of b (0+10x3: 0 10 20 30), a-bxn counts down, axn repeats a n more times, _xn is n missing';

export interface SeriesValuesProblem {
  /** Where in the string, 0-based. */
  readonly at: number;
  readonly message: string;
}

type TokenKind = 'space' | 'add' | 'sub' | 'times' | 'blank' | 'number' | 'word' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

const SYMBOLS: Readonly<Record<string, TokenKind>> = { '+': 'add', '-': 'sub', x: 'times', _: 'blank' };
const DIGIT = /[0-9]/;
/** Go's isAlphaNumeric: a number must not run into one, except the `x` of a repetition. */
const ALPHANUMERIC = /[A-Za-z0-9_]/;
/** The number keywords, matched case-insensitively as the lexer's keyword table does. */
const NUMBER_WORDS = new Set(['inf', 'nan']);
const MAX_UINT64 = 2n ** 64n - 1n;

class Problem extends Error {
  constructor(readonly at: number, message: string) {
    super(message);
  }
}

function lex(values: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < values.length) {
    const start = i;
    const c = values[i]!;
    if (c === ' ' || c === '\t') {
      while (values[i] === ' ' || values[i] === '\t') i++;
      tokens.push({ kind: 'space', text: values.slice(start, i), at: start });
      continue;
    }
    const symbol = SYMBOLS[c];
    if (symbol) {
      tokens.push({ kind: symbol, text: c, at: i++ });
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(values[i + 1] ?? ''))) {
      // scanNumber, without hexadecimal (the lexer disallows it in series: 0x3 is 0 repeated).
      i = skip(values, i, DIGIT);
      if (values[i] === '.') i = skip(values, i + 1, DIGIT);
      if (values[i] === 'e' || values[i] === 'E') i = skip(values, values[i + 1] === '+' || values[i + 1] === '-' ? i + 2 : i + 1, DIGIT);
      if (values[i] !== 'x' && ALPHANUMERIC.test(values[i] ?? '')) throw new Problem(start, `bad number "${values.slice(start, skip(values, i, ALPHANUMERIC))}"`);
      tokens.push({ kind: 'number', text: values.slice(start, i), at: start });
    } else if (/[A-Za-z]/.test(c)) {
      i = skip(values, i, /[A-Za-z0-9_:]/);
      const word = values.slice(start, i);
      tokens.push({ kind: NUMBER_WORDS.has(word.toLowerCase()) ? 'number' : 'word', text: word, at: start });
    } else {
      throw new Problem(i, `unexpected character ${JSON.stringify(c)}`);
    }
  }
  tokens.push({ kind: 'end', text: '', at: values.length });
  return tokens;
}

function skip(values: string, from: number, chars: RegExp): number {
  let i = from;
  while (i < values.length && chars.test(values[i]!)) i++;
  return i;
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private fail(token: Token, expected: string): never {
    const found = token.kind === 'end' ? 'the end' : token.kind === 'space' ? 'a space' : `"${token.text}"`;
    throw new Problem(token.at, `expected ${expected}, found ${found}`);
  }

  /** series_values: items separated by spaces, the string's first preceded by the one promtool adds. */
  values(): void {
    for (let token = this.peek(); token.kind !== 'end'; token = this.peek()) {
      if (token.kind === 'space') this.next();
      else {
        this.item();
        if (this.peek().kind !== 'space' && this.peek().kind !== 'end') this.fail(this.peek(), 'a space before the next value');
      }
    }
  }

  /** series_item: `_`, `_xn`, `v`, `vxn`, `v+sxn`, `v-sxn`. */
  private item(): void {
    if (this.peek().kind === 'blank') {
      this.next();
      if (this.peek().kind === 'times') this.repetitions();
      return;
    }
    this.value();
    if (this.peek().kind === 'times') return this.repetitions();
    if (this.peek().kind === 'add' || this.peek().kind === 'sub') {
      this.next();
      this.number();
      if (this.peek().kind !== 'times') this.fail(this.peek(), '"x" and how many steps');
      this.repetitions();
    }
  }

  /** series_value: a number, signed or not, or `stale`. */
  private value(): void {
    const token = this.peek();
    if (token.kind === 'add' || token.kind === 'sub') {
      this.next();
      this.number();
    } else if (token.kind === 'number') {
      this.number();
    } else if (token.kind === 'word' && token.text === 'stale') {
      this.next();
    } else {
      this.fail(token, 'a value (a number, Inf, NaN, stale or _)');
    }
  }

  private number(): void {
    const token = this.next();
    if (token.kind !== 'number') this.fail(token, 'a number');
    // The parser's strconv.ParseFloat fails on what the lexer let through (1e) and out of range (1e999).
    if (!NUMBER_WORDS.has(token.text.toLowerCase()) && !Number.isFinite(Number(token.text))) throw new Problem(token.at, `bad number "${token.text}"`);
  }

  /** TIMES uint: strconv.ParseUint(text, 10, 64). */
  private repetitions(): void {
    this.next();
    const token = this.next();
    if (token.kind !== 'number' || !/^[0-9]+$/.test(token.text) || BigInt(token.text) > MAX_UINT64) this.fail(token, 'a whole number of repetitions after "x"');
  }
}

/** Why promtool would refuse `values` as an input series' values; undefined when it reads them. */
export function seriesValuesProblem(values: string): SeriesValuesProblem | undefined {
  try {
    new Parser(lex(values)).values();
    return undefined;
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    return { at: error.at, message: error.message };
  }
}
