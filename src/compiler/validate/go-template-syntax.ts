/**
 * What promtool's parse of an alert's templates (annotations and label values) refuses, found at
 * build time: Go's text/template syntax (unclosed actions, strings and parentheses, a misplaced
 * {{else}} or {{end}}, a block never ended), a function Prometheus does not define, and a variable
 * used where it is not declared. Only parsing is checked: what fails when the template runs (a
 * query that returns nothing, a wrong argument count) is left to Prometheus, as promtool leaves it.
 * The same walk lists the alert's labels the template reads, so the build can tell those its
 * expression drops.
 */
import { closest } from '../../runtime/config/closest.ts';
import { goCharacterName, goEscapeAt, goUnquote } from '../go-escape.ts';

export interface TemplateProblem {
  readonly message: string;
  readonly hint?: string;
}

/** Go's text/template functions, then Prometheus 2.42's (template/template.go), as promtool knows them. */
const FUNCTIONS = new Set([
  ...['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'],
  ...['query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title', 'toUpper', 'toLower', 'graphLink', 'tableLink', 'sortByLabel'],
  ...['humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'toTime', 'parseDuration', 'pathPrefix', 'externalURL', 'stripPort', 'stripDomain'],
]);

/** The variables Prometheus declares before an alert's template (`{{$labels := .Labels}}`...), and Go's `$`. */
const PREDECLARED = ['$', '$labels', '$externalLabels', '$externalURL', '$value'];

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template', 'break', 'continue']);
const LITERALS = new Set(['true', 'false', 'nil']);

/**
 * A token of an action; `joined` when no space comes before it (Go wants one between operands).
 * A variable's `text` is its name and `chain` the fields after it ($labels.instance: ".instance").
 */
type Token = (
  | { readonly kind: 'variable'; readonly text: string; readonly chain: string }
  | { readonly kind: 'identifier' | 'string' | 'number' | 'field'; readonly text: string }
  | { readonly kind: '|' | '(' | ')' | ',' | ':=' | '='; readonly text: string }
) & { joined?: boolean };

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A number as Go's template lexer scans it: a sign, a base prefix, digits with underscores, a fraction, an exponent, an imaginary i. */
const NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][-+]?[0-9_]+)?|0[oO][0-7_]*|0[bB][01_]*|[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9_]+)?)i?/;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
/** Text other than Go's white space (unicode.IsSpace, as bytes.TrimSpace trims it: U+0085 is space, U+FEFF is not). */
const NOT_GO_SPACE = /[^\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
/** What may follow a name, as Go's lexer has it (atTerminator): a space, . , | : ( ), the closing delimiter, or the end. */
const isTerminator = (c: string | undefined) => c === undefined || isSpace(c) || '.,|:()}'.includes(c);
const WORD_CHAR = /^[\p{L}\p{Nd}_]$/u;

/** The letter, digit or underscore at `at`, Unicode's as Go's isAlphaNumeric takes them (é, ٣), or ''. */
function wordCharAt(template: string, at: number): string {
  const code = template.codePointAt(at);
  if (code === undefined) return '';
  const char = String.fromCodePoint(code);
  return WORD_CHAR.test(char) ? char : '';
}

/** A field starts at `at`: a "." and a letter or underscore ("." and a digit is a number, as Go's lexer reads it). */
const isFieldAt = (template: string, at: number) => template[at] === '.' && !isDigit(template[at + 1]) && wordCharAt(template, at + 1) !== '';

/** An action's tokens, and whether text other than white space comes before it (since the last action). */
interface Action {
  readonly tokens: Token[];
  readonly textBefore: boolean;
}

/** The template's actions; comments are left out. */
function* actions(template: string): Generator<Action> {
  let at = 0;
  let textBefore = false;
  for (;;) {
    const open = template.indexOf('{{', at);
    if (open < 0) return;
    textBefore ||= NOT_GO_SPACE.test(template.slice(at, open));
    at = open + 2;
    // A trim marker is "{{-" followed by a space: "{{-3}}" is the number -3.
    if (template[at] === '-' && isSpace(template[at + 1])) at += 2;
    // A comment starts right there: "{{ /*" is an action holding a "/".
    if (template.startsWith('/*', at)) {
      const end = template.indexOf('*/', at + 2);
      if (end < 0) throw new SyntaxProblem('unclosed comment');
      at = end + 2;
      if (isSpace(template[at]) && template.startsWith('-}}', at + 1)) at += 4;
      else if (template.startsWith('}}', at)) at += 2;
      else throw new SyntaxProblem('comment ends before closing delimiter');
      continue;
    }
    const tokens: Token[] = [];
    let parens = 0;
    // Whether a space came since the last token.
    let spaced = true;
    const push = (token: Token) => {
      token.joined = !spaced;
      tokens.push(token);
      spaced = false;
    };
    for (;;) {
      const c = template[at];
      if (c === undefined) throw new SyntaxProblem('unclosed action');
      if (template.startsWith('}}', at) || (isSpace(c) && template.startsWith('-}}', at + 1))) {
        if (parens > 0) throw new SyntaxProblem('unclosed left paren');
        at = template.indexOf('}}', at) + 2;
        break;
      }
      if (isSpace(c)) {
        spaced = true;
        at++;
      } else if (c === '"' || c === "'" || c === '`') {
        const end = closingQuote(template, at);
        const text = template.slice(at, end + 1);
        checkQuoted(text);
        push({ kind: 'string', text });
        // A template's or block's name is read on its own: `{{ template "t".x }}` passes it .x.
        const isClauseName = tokens.length === 2 && tokens[0]!.kind === 'identifier' && (tokens[0]!.text === 'template' || tokens[0]!.text === 'block');
        if (!isClauseName) checkNoFieldAfter(template, end + 1, text);
        at = end + 1;
      } else if (c === '(' || c === ')' || c === '|' || c === ',' || c === '=') {
        if (c === '(') parens++;
        if (c === ')' && --parens < 0) throw new SyntaxProblem('unexpected ")" in command');
        push({ kind: c, text: c });
        at++;
      } else if (template.startsWith(':=', at)) {
        push({ kind: ':=', text: ':=' });
        at += 2;
      } else if (/[0-9]/.test(c) || c === '-' || c === '+' || (c === '.' && isDigit(template[at + 1]))) {
        // As Go's lexer: a sign always starts a number ("-.5"; "-" alone is then no number).
        let text = NUMBER.exec(template.slice(at))![0];
        // As Go's lexer: a number runs into no letter or digit ("1w", "0x1g").
        const after = wordCharAt(template, at + text.length);
        if (after) throw new SyntaxProblem(`bad number syntax: ${JSON.stringify(text + after)}`);
        const sign = template[at + text.length];
        if (sign === '+' || sign === '-') {
          // A sign right after a number makes it complex, 1+2i: the second part ends in i.
          const imaginary = NUMBER.exec(template.slice(at + text.length))![0];
          const complex = text + imaginary + (wordCharAt(template, at + text.length + imaginary.length) || '');
          if (!imaginary.endsWith('i') || complex !== text + imaginary) throw new SyntaxProblem(`bad number syntax: ${JSON.stringify(complex)}`);
          if (goFloat(text) === undefined || goFloat(imaginary.slice(0, -1)) === undefined) throw new SyntaxProblem(`illegal number syntax: ${JSON.stringify(complex)}`);
          text = complex;
        } else checkNumber(text);
        push({ kind: 'number', text });
        at += text.length;
      } else if (c === '$' || c === '.' || wordCharAt(template, at)) {
        // A variable, field or identifier, and the fields chained after it: $labels.instance.
        let end = at + (c === '$' || c === '.' ? 1 : wordCharAt(template, at).length);
        // Dot alone is a term of its own: a field right after it (..Labels) is refused as after a literal.
        if (c === '.' && !wordCharAt(template, end)) checkNoFieldAfter(template, end, '.');
        for (let word = wordCharAt(template, end); word || isFieldAt(template, end); word = wordCharAt(template, end)) end += word ? word.length : 1;
        if (!isTerminator(template[end])) throw new SyntaxProblem(`bad character ${goCharacterName(String.fromCodePoint(template.codePointAt(end)!))}`);
        const text = template.slice(at, end);
        const head = /^[$.]?[\p{L}\p{Nd}_]*/u.exec(text)![0];
        if (text !== head && LITERALS.has(head)) checkNoFieldAfter(template, at + head.length, head);
        if (c === '$') push({ kind: 'variable', text: head, chain: text.slice(head.length) });
        else if (c === '.') push({ kind: 'field', text });
        else {
          push({ kind: 'identifier', text: head });
          // A keyword's fields are tokens of their own, for the keyword to refuse ({{end.x}}); a function's are its chain.
          if (KEYWORDS.has(head) && text !== head) push({ kind: 'field', text: text.slice(head.length) });
        }
        at = end;
      } else {
        throw new SyntaxProblem(`unexpected ${JSON.stringify(c)} in command`);
      }
    }
    yield { tokens, textBefore };
    textBefore = false;
  }
}

/** Where the string, character or raw string starting at `at` ends: its closing quote. */
function closingQuote(template: string, at: number): number {
  const quote = template[at]!;
  if (quote === '`') {
    const end = template.indexOf('`', at + 1);
    if (end < 0) throw new SyntaxProblem('unterminated raw quoted string');
    return end;
  }
  let end = at + 1;
  while (template[end] !== quote) {
    if (template[end] === undefined || template[end] === '\n') throw new SyntaxProblem(quote === '"' ? 'unterminated quoted string' : 'unterminated character constant');
    end += template[end] === '\\' ? 2 : 1;
  }
  return end;
}

/**
 * What Go's parse refuses in a string or character it lexed (strconv's unquoting): an escape Go
 * does not know (go-escape.ts), and a character constant holding other than one character.
 */
function checkQuoted(text: string): void {
  const quote = text[0]!;
  if (quote === '`') return;
  let characters = 0;
  for (let at = 1; at < text.length - 1; characters++) {
    if (text[at] !== '\\') {
      at += String.fromCodePoint(text.codePointAt(at)!).length;
      continue;
    }
    const escape = goEscapeAt(text, at);
    if (escape.problem !== undefined) throw new SyntaxProblem('invalid syntax', `${text} has an escape Go does not know: it takes \\n \\t \\\\ \\${quote} \\x41 \\u00e9 and the like`);
    at += escape.length;
  }
  if (quote === "'" && characters !== 1) throw new SyntaxProblem(characters === 0 ? 'invalid syntax' : `malformed character constant: ${text}`);
}

/**
 * What Go's parse refuses in a number its lexer scanned (parse.newNumber: strconv's ParseUint,
 * ParseInt, then ParseFloat): underscores not between digits, a leading 0 with a digit past 7 (an
 * octal integer, so "integer overflow"), an integer past 64 bits, a float past float64, a hex
 * fraction without its p exponent.
 */
function checkNumber(text: string): void {
  const real = text.endsWith('i') ? text.slice(0, -1) : text;
  if (goInteger(text) !== undefined) return;
  if (goFloat(real) !== undefined) {
    if (!text.endsWith('i') && !/[.eEpP]/.test(text)) throw new SyntaxProblem(`integer overflow: ${JSON.stringify(text)}`);
    return;
  }
  throw new SyntaxProblem(`illegal number syntax: ${JSON.stringify(text)}`);
}

/** Go's underscoreOK: each underscore between two digits, or between a base prefix and a digit. */
function underscoresOK(text: string): boolean {
  const body = text.replace(/^[-+]/, '');
  const prefixed = /^0[xXoObB]/.test(body);
  const hex = /^0[xX]/.test(body);
  let saw = prefixed ? 'digit' : 'start';
  for (const c of prefixed ? body.slice(2) : body) {
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) saw = 'digit';
    else if (c === '_') {
      if (saw !== 'digit') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = 'other';
    }
  }
  return saw !== '_';
}

/** strconv.ParseInt or ParseUint with base 0, 64 bits: the value, or undefined. */
function goInteger(text: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!match || !underscoresOK(text)) return undefined;
  const [, sign, digits] = match as unknown as [string, string, string];
  const clean = digits.replaceAll('_', '');
  const value = BigInt(/^0[0-7]/.test(clean) ? `0o${clean.slice(1)}` : clean.replace(/^0([xXoObB])/, (_, base: string) => `0${base.toLowerCase()}`));
  const signed = sign === '-' ? -value : value;
  return signed >= -(2n ** 63n) && signed < 2n ** 64n ? signed : undefined;
}

/** strconv.ParseFloat, 64 bits: the value, or undefined (a syntax error, or past float64). */
function goFloat(text: string): number | undefined {
  if (!underscoresOK(text)) return undefined;
  const clean = text.replaceAll('_', '');
  let value: number;
  const hex = /^([-+]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([-+]?[0-9]+)$/.exec(clean);
  if (hex) {
    const [, sign, whole, fraction = '', exponent] = hex as unknown as [string, string, string, string | undefined, string];
    if (whole === '' && fraction === '') return undefined;
    value = (sign === '-' ? -1 : 1) * parseInt(`${whole}${fraction}` || '0', 16) * 2 ** (Number(exponent) - 4 * fraction.length);
  } else if (/^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(clean)) {
    value = Number(clean);
  } else {
    return undefined;
  }
  return Number.isFinite(value) ? value : undefined;
}

/** A field right after a literal (`"up".Labels`): Go's parse refuses it. */
function checkNoFieldAfter(template: string, end: number, text: string): void {
  if (isFieldAt(template, end)) throw new SyntaxProblem(`unexpected . after term ${JSON.stringify(text)}`);
}

interface Block {
  readonly kind: 'if' | 'with' | 'range' | 'define' | 'block';
  /** Variables declared in it, visible to its end. */
  readonly variables: Set<string>;
  elseSeen: boolean;
  /** Whether dot is something else than the alert here: a with or range body (not its else), a define's. */
  dotRebound: boolean;
  /** A define's or block's: the template it names, and whether its body holds more than white space and comments. */
  readonly definition?: { readonly name: string; filled: boolean };
}

/** An operand that cannot start a later stage of a pipeline: Go's "non executable command". */
const isLiteral = (token: Token) => token.kind === 'string' || token.kind === 'number' || (token.kind === 'identifier' && LITERALS.has(token.text)) || (token.kind === 'field' && token.text === '.');

/** Checks what names a function or variable. */
function checkOperand(token: Token, visible: (name: string) => boolean): void {
  if (token.kind === ',' || token.kind === '=' || token.kind === ':=' || token.kind === '(') throw new SyntaxProblem(`unexpected ${JSON.stringify(token.text)} in command`);
  if (token.kind === 'identifier' && KEYWORDS.has(token.text)) throw new SyntaxProblem(`unexpected <${token.text}> in operand`);
  if (token.kind === 'identifier' && !LITERALS.has(token.text) && !FUNCTIONS.has(token.text)) {
    const suggestion = closest(token.text, FUNCTIONS);
    throw new SyntaxProblem(`function ${JSON.stringify(token.text)} not defined`, suggestion ? `did you mean ${suggestion}?` : `Prometheus' template functions are: ${[...FUNCTIONS].join(', ')}`);
  }
  if (token.kind === 'variable' && !visible(token.text)) {
    const suggestion = closest(token.text, PREDECLARED);
    throw new SyntaxProblem(`undefined variable ${JSON.stringify(token.text)}`, `${suggestion ? `did you mean ${suggestion}? ` : ''}Prometheus declares ${PREDECLARED.slice(1).join(', ')}`);
  }
}

/**
 * Checks the pipeline starting at `at`, up to a ")" or the action's end: commands separated by
 * "|", each of operands and parenthesized pipelines. Returns where it ends. As in Go, a "|" with
 * no command before it is refused, and one after the last command is not.
 */
function checkCommands(tokens: readonly Token[], at: number, context: string, visible: (name: string) => boolean, declareIn: Set<string>): number {
  let commands = 0;
  for (;;) {
    const first = tokens[at];
    if (first === undefined || first.kind === ')') {
      if (commands === 0) throw new SyntaxProblem(`missing value for ${context}`);
      return at;
    }
    if (first.kind === '|') throw new SyntaxProblem('unexpected "|" in command');
    if (commands > 0 && isLiteral(first)) throw new SyntaxProblem(`non executable command in pipeline stage ${commands + 1}`);
    // Whether the command has an operand yet: the next must come after a space.
    let operand = false;
    while (tokens[at] !== undefined && tokens[at]!.kind !== '|' && tokens[at]!.kind !== ')') {
      const token = tokens[at]!;
      if (operand && token.joined) throw new SyntaxProblem(`unexpected ${JSON.stringify(token.text)} in operand`);
      operand = true;
      if (token.kind === '(') {
        // A parenthesized pipeline may declare, into the scope around it: print ($x := 1) {{$x}}.
        at = checkCommands(tokens, declaration(tokens, at + 1, declareIn), 'parenthesized pipeline', visible, declareIn) + 1;
        // Fields of its value right after it, (query "up").Labels: one operand, as Go chains them.
        if (tokens[at]?.kind === 'field' && tokens[at]!.joined && tokens[at]!.text !== '.') at++;
      } else {
        checkOperand(token, visible);
        at++;
      }
    }
    commands++;
    if (tokens[at]?.kind === '|') at++;
  }
}

/**
 * Checks one action's pipeline: its declaration (`$x :=`, or `$i, $e :=` in range; `=` alike),
 * then its commands; declares what it declares in `declareIn`.
 */
function checkPipeline(tokens: readonly Token[], clause: string, visible: (name: string) => boolean, declareIn: Set<string>): void {
  const [, , c, d] = tokens;
  let at = declaration(tokens, 0, declareIn);
  if (at === 0 && isBareVariable(tokens[0]) && tokens[1]?.kind === ',' && isBareVariable(c) && (d?.kind === ':=' || d?.kind === '=')) {
    if (clause !== 'range') throw new SyntaxProblem('too many declarations in command');
    declareIn.add(tokens[0]!.text).add(c!.text);
    at = 4;
  }
  checkCommands(tokens, at, clause, visible, declareIn);
}

const isBareVariable = (token: Token | undefined) => token?.kind === 'variable' && token.chain === '';

/**
 * A pipeline's `$x :=` or `$x =` at `at`: declares $x (Go's parse takes an assignment as a
 * declaration too, and declares before it reads the commands: `$x := $x` parses) and returns
 * where the commands start.
 */
function declaration(tokens: readonly Token[], at: number, declareIn: Set<string>): number {
  const [variable, operator] = [tokens[at], tokens[at + 1]];
  if (!isBareVariable(variable) || (operator?.kind !== ':=' && operator?.kind !== '=')) return at;
  declareIn.add(variable!.text);
  return at + 2;
}

/** The alert's two label maps a template reads: its variable, and its field of the alert (dot). */
const LABEL_MAPS = [
  { variable: '$labels', field: '.Labels', named: /^\.Labels\.([\p{L}\p{Nd}_]+)/u },
  { variable: '$externalLabels', field: '.ExternalLabels', named: /^\.ExternalLabels\.([\p{L}\p{Nd}_]+)/u },
] as const;

type LabelMap = (typeof LABEL_MAPS)[number];

/**
 * The names an action reads of one label map, e.g. the alert's labels: $labels.x, $.Labels.x,
 * index $labels "x", and .Labels.x or index .Labels "x" where dot is the alert (in a range over a
 * query, .Labels are the result's).
 */
function namesRead(tokens: readonly Token[], dotIsAlert: boolean, map: LabelMap, into: Set<string>): void {
  tokens.forEach((token, i) => {
    // A field right after a parenthesized pipeline is of its value, (query "up").Labels, not of dot.
    const ofDot = token.kind === 'field' && dotIsAlert && !(token.joined && tokens[i - 1]?.kind === ')');
    const path = token.kind === 'variable' ? (token.text === map.variable ? `${map.field}${token.chain}` : token.text === '$' ? token.chain : '') : ofDot ? token.text : '';
    const name = map.named.exec(path)?.[1];
    if (name) into.add(name);
    const next = tokens[i + 1];
    if (path === map.field && tokens[i - 1]?.text === 'index' && next?.kind === 'string') into.add(next.text.slice(1, -1));
  });
}

export interface GoTemplate {
  /** The first thing promtool's parse of this template refuses, or undefined. */
  readonly problem: TemplateProblem | undefined;
  /** The alert's labels it reads (none listed when it does not parse). */
  readonly labels: readonly string[];
  /** The external labels it reads ($externalLabels.cluster), likewise. */
  readonly externalLabels: readonly string[];
  /** Whether it prints the alert's value ($value, .Value). */
  readonly readsValue: boolean;
  /** The names its define and block clauses give a body. */
  readonly defines: readonly string[];
}

/** Whether an action reads the alert's value: $value, $.Value, or .Value where dot is the alert. */
const readsValueIn = (tokens: readonly Token[], dotIsAlert: boolean): boolean =>
  tokens.some((t) => (t.kind === 'variable' && (t.text === '$value' || (t.text === '$' && VALUE_FIELD.test(t.chain)))) || (t.kind === 'field' && dotIsAlert && VALUE_FIELD.test(t.text)));

const VALUE_FIELD = /^\.Value(?:\.|$)/;

/** What a template that does not parse is said to read: nothing, its syntax being the error to show. */
const NOTHING_READ = { labels: [], externalLabels: [], readsValue: false, defines: [] } as const;

const read = new Map<string, GoTemplate>();

/**
 * Parses an alert template as promtool does. Validation and lint read the same templates; each
 * text is walked once per process, as each PromQL text is parsed once (promql/parse.ts).
 */
export function readGoTemplate(template: string): GoTemplate {
  let found = read.get(template);
  if (!found) {
    found = walkGoTemplate(template);
    read.set(template, found);
  }
  return found;
}

/** A token as Go's parse names it in a message: a keyword or dot in angle brackets, the rest quoted. */
function goItem(token: Token): string {
  const text = token.kind === 'variable' ? token.text + token.chain : token.text;
  return (token.kind === 'identifier' && KEYWORDS.has(text)) || text === '.' ? `<${text}>` : JSON.stringify(text);
}

/**
 * Whether {{break}} and {{continue}} are inside a range here: not in its {{else}}, and not across a
 * define or block, whose body Go parses as a template of its own.
 */
function inRange(blocks: readonly Block[]): boolean {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.kind === 'define' || block.kind === 'block') return false;
    if (block.kind === 'range' && !block.elseSeen) return true;
  }
  return false;
}

function walkGoTemplate(template: string): GoTemplate {
  const [labels, externalLabels] = LABEL_MAPS.map(() => new Set<string>()) as [Set<string>, Set<string>];
  let readsValue = false;
  const top = new Set(PREDECLARED);
  const blocks: Block[] = [];
  const visible = (name: string) => {
    for (let i = blocks.length - 1; i >= 0; i--) {
      if (blocks[i]!.variables.has(name)) return true;
      // A define's body is a template of its own: it sees only `$` and what it declares.
      if (blocks[i]!.kind === 'define' || blocks[i]!.kind === 'block') return name === '$';
    }
    return top.has(name);
  };
  const innermost = () => blocks.at(-1)?.variables ?? top;
  // Go keeps one definition of a name: a later one may replace an empty one, or be empty itself.
  const definitions = new Map<string, boolean>();
  const define = ({ name, filled }: { name: string; filled: boolean }) => {
    const earlier = definitions.get(name);
    if (earlier && filled) throw new SyntaxProblem(`template: multiple definition of template ${JSON.stringify(name)}`, 'two define or block clauses give this name a body: rename one');
    definitions.set(name, earlier === true || filled);
  };
  try {
    for (const { tokens, textBefore } of actions(template)) {
      const dotIsAlert = !blocks.some((block) => block.dotRebound);
      namesRead(tokens, dotIsAlert, LABEL_MAPS[0], labels);
      namesRead(tokens, dotIsAlert, LABEL_MAPS[1], externalLabels);
      readsValue ||= readsValueIn(tokens, dotIsAlert);
      const [first, ...rest] = tokens;
      const keyword = first?.kind === 'identifier' && KEYWORDS.has(first.text) ? first.text : undefined;
      // Text or an action (its own {{end}} aside) inside a define or block gives it a body.
      if (textBefore || keyword !== 'end') for (const block of blocks) if (block.definition) block.definition.filled = true;
      if (keyword === undefined) {
        checkPipeline(tokens, 'command', visible, innermost());
      } else if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
        const block: Block = { kind: keyword, variables: new Set(), elseSeen: false, dotRebound: keyword !== 'if' };
        blocks.push(block);
        checkPipeline(rest, keyword, visible, block.variables);
      } else if (keyword === 'else') {
        const block = blocks.at(-1);
        if (!block || block.kind === 'define' || block.kind === 'block') throw new SyntaxProblem('unexpected {{else}}');
        if (block.elseSeen) throw new SyntaxProblem('expected end; found {{else}}');
        block.dotRebound = false;
        // Go before 1.23, as promtool 2.42 is built, chains {{else if}} after an if only, and no {{else with}}.
        if (rest[0]?.kind === 'identifier' && rest[0].text === 'if') {
          if (block.kind !== 'if') throw new SyntaxProblem('unexpected <if> in input');
          checkPipeline(rest.slice(1), 'if', visible, block.variables);
        } else if (rest[0]) throw new SyntaxProblem(`unexpected ${goItem(rest[0])} in else`);
        else block.elseSeen = true;
      } else if (keyword === 'end') {
        if (rest[0]) throw new SyntaxProblem(`unexpected ${goItem(rest[0])} in end`);
        const block = blocks.pop();
        if (!block) throw new SyntaxProblem('unexpected {{end}}');
        if (block.definition) define(block.definition);
      } else if (keyword === 'define' && blocks.length > 0) {
        throw new SyntaxProblem('unexpected <define> in command');
      } else if (keyword === 'define' || keyword === 'block' || keyword === 'template') {
        // A name is a string or raw string, not a character ('a').
        if (rest[0]?.kind !== 'string' || rest[0].text.startsWith("'")) throw new SyntaxProblem(`unexpected ${rest[0] ? JSON.stringify(rest[0].text) : '"}}"'} in ${keyword} clause`);
        if (keyword === 'define' && rest[1]) throw new SyntaxProblem(`unexpected ${goItem(rest[1])} in define clause`);
        if (keyword === 'block' || rest.length > 1) checkPipeline(rest.slice(1), `${keyword} clause`, visible, innermost());
        if (keyword !== 'template') blocks.push({ kind: keyword, variables: new Set(), elseSeen: false, dotRebound: true, definition: { name: goUnquote(rest[0].text), filled: false } });
      } else if (rest[0]) {
        throw new SyntaxProblem(`unexpected ${goItem(rest[0])} in {{${keyword}}}`);
      } else if (!inRange(blocks)) {
        throw new SyntaxProblem(`{{${keyword}}} outside {{range}}`);
      }
    }
  } catch (error) {
    if (error instanceof SyntaxProblem) return { problem: { message: error.message, ...(error.hint !== undefined && { hint: error.hint }) }, ...NOTHING_READ };
    throw error;
  }
  if (blocks.length > 0) return { problem: { message: 'unexpected EOF', hint: `a {{${blocks.at(-1)!.kind}}} is never closed with {{end}}` }, ...NOTHING_READ };
  return { problem: undefined, labels: [...labels], externalLabels: [...externalLabels], readsValue, defines: [...definitions].filter(([, filled]) => filled).map(([name]) => name) };
}
