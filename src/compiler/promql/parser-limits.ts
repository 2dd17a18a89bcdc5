/**
 * What Prometheus 2.x's parser refuses (promtool check rules, as Debian's 2.42 runs it) that the
 * lezer grammar accepts: the grammar is Prometheus 3's, and lax by design (a range after any
 * expression, a modifier after any expression), leaving these checks to the parser behind it.
 * Found by putting random expressions to promtool; the analyzer reports them before the types.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { regexError } from '../../runtime/config/matcher-regex.ts';
import { goCharacterName, goEscapeAt } from '../go-escape.ts';
import { DURATION_RE, parseDuration } from '../../sdk/duration.ts';
import { matcherMatches } from '../../runtime/config/route-match.ts';
import type { PromqlProblem } from './analyze.ts';
import { children } from './parse.ts';
import { labelMatcherOf } from './tree.ts';

const SELECTORS = new Set(['VectorSelector', 'MatrixSelector', 'SubqueryExpr']);
const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET_OPERATORS = new Set(['And', 'Or', 'Unless']);
const OPERATORS = new Set([...COMPARISONS, ...SET_OPERATORS, 'Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Atan2']);
/** Prometheus 3's aggregations, functions to 2.x's parser, which knows none by these names. */
const NEWER_AGGREGATIONS = new Set(['LimitK', 'LimitRatio']);
/** The grammar's Prometheus 3 syntax that 2.x's parser has no word for, by node: what to call it. */
const NEWER_SYNTAX: Readonly<Record<string, string>> = {
  AnchoredExpr: 'anchored',
  SmoothedExpr: 'smoothed',
  FillModifier: 'fill()',
  TrimUpper: '</',
  TrimLower: '>/',
  DurationStep: 'step()',
  DurationRange: 'range()',
  DurationMinOf: 'min()',
  DurationMaxOf: 'max()',
};
/** Names 2.x's lexer reads as a number (inf, nan) or keyword (without), which a grouping's labels cannot be. */
const NOT_GROUPING_LABELS: Readonly<Record<string, string>> = { inf: 'number', nan: 'number', without: 'keyword' };

/**
 * What a range, subquery, offset or @ applies to. The grammar gives these less precedence than
 * binary and unary operators, so `a - b offset 1w` comes as (a - b) offset 1w; Prometheus applies
 * them to the operand right before them, b.
 */
export function postfixTarget(node: SyntaxNode): SyntaxNode | null {
  let target = node.firstChild;
  while (target && (target.name === 'BinaryExpr' || target.name === 'UnaryExpr')) target = target.lastChild;
  return target;
}

class Limits {
  readonly problems: PromqlProblem[] = [];

  constructor(private readonly text: string) {}

  private problem(node: SyntaxNode, message: string, hint?: string): void {
    this.problems.push({ from: node.from, to: node.to, message, ...(hint ? { hint } : {}) });
  }

  private src(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  check(node: SyntaxNode): void {
    switch (node.name) {
      case 'MatrixSelector':
        if (postfixTarget(node)?.name !== 'VectorSelector') this.problem(node, 'ranges only allowed for vector selectors', 'a range follows a metric selector, e.g. up[5m]; for any other expression write a subquery, (expr)[5m:1m]');
        break;
      case 'DurationExpr':
      case 'OffsetDurationExpr':
        this.duration(node);
        break;
      case 'OffsetExpr':
      case 'StepInvariantExpr':
        this.modifier(node);
        break;
      case 'VectorSelector':
        this.selector(node);
        break;
      case 'QuotedLabelName':
        this.problem(node, `quoted name ${this.src(node)}: Prometheus 2.x takes label and metric names unquoted`, 'quoted (UTF-8) names are Prometheus 3; write a name of letters, digits and underscores');
        break;
      case 'AggregateOp': {
        const op = node.firstChild;
        if (op && NEWER_AGGREGATIONS.has(op.name)) this.problem(node, `unknown function "${this.src(node)}"`, `${this.src(node)} is a Prometheus 3 aggregation; Prometheus 2.x has topk and bottomk`);
        break;
      }
      case 'BinaryExpr':
        this.binary(node);
        break;
      case 'StringLiteral':
        this.escapes(node);
        break;
      case 'NumberDurationLiteral':
        this.number(node);
        break;
    }
    if (node.name in NEWER_SYNTAX) this.problem(node, `${NEWER_SYNTAX[node.name]} is Prometheus 3 syntax, which Prometheus 2.x does not parse`);
    if (node.name === 'GroupingLabels') this.groupingLabels(node);
    for (const child of children(node)) this.check(child);
  }

  /** Grouping labels 2.x's lexer reads as something else: by (inf), on (without). */
  private groupingLabels(node: SyntaxNode): void {
    for (const label of node.getChildren('LabelName')) {
      const name = this.src(label);
      const kind = NOT_GROUPING_LABELS[name.toLowerCase()];
      if (kind) this.problem(label, `unexpected ${kind === 'number' ? `number "${name}"` : `<${name}>`} in grouping opts`, `Prometheus 2.x reads ${name} as a ${kind}, not a label name`);
    }
  }

  private duration(node: SyntaxNode): void {
    // A nested duration is arithmetic (5m * 2), but for a negative offset's.
    if (node.getChild('DurationExpr') || (node.getChild('OffsetDurationExpr') && node.getChild('UnaryOp') === null)) {
      this.problem(node, 'a duration must be one literal such as 5m in Prometheus 2.x', 'duration arithmetic is Prometheus 3');
      return;
    }
    // An offset's sign is one minus: not a plus, not two.
    const sign = node.getChild('UnaryOp');
    if (sign && (this.src(sign) !== '-' || node.parent?.name === 'OffsetDurationExpr')) this.problem(sign, `unexpected <op:${this.src(sign)}> in offset, expected duration`, 'an offset is a duration, or a minus and one: offset -5m');
    const literal = node.getChild('NumberDurationLiteralInDurationContext');
    if (!literal) return;
    const text = this.src(literal);
    const parts = DURATION_RE.exec(text);
    if (/^\d+$/.test(text)) this.problem(literal, 'missing unit character in duration', `write ${text}s for ${text} seconds`);
    else if (!parts || text === '') this.problem(literal, `not a valid duration string: "${text}"`, 'whole numbers with units, largest first: 90s, 1h30m');
    else if (parts.slice(1).every((n) => n === undefined || Number(n) === 0)) this.problem(literal, 'duration must be greater than 0');
    else if (parseDuration(text) === undefined) this.problem(literal, 'duration out of range', 'Prometheus durations end short of 292 years');
  }

  /** A string's escapes, as Prometheus's lexer reads them: "\\d" in a regex is an error there, "\\\\d" is meant. */
  private escapes(node: SyntaxNode): void {
    const text = this.src(node);
    // The grammar ends a string at the end of the text; Prometheus's lexer wants its closing quote.
    if (text.length < 2 || !text.endsWith(text[0]!) || (text[0] !== '`' && /(^|[^\\])(\\\\)*\\.$/.test(text))) {
      this.problem(node, 'unterminated quoted string', `close the string with ${text[0]}`);
      return;
    }
    if (text.startsWith('`')) return;
    for (let at = 1; at < text.length - 1; at++) {
      if (text[at] !== '\\') continue;
      const escape = goEscapeAt(text, at);
      if (escape.problem === undefined) {
        at += escape.length - 1;
        continue;
      }
      const message =
        escape.problem === 'unknown escape' ? `unknown escape sequence ${goCharacterName(escape.char)}` : escape.problem === 'illegal character' ? `illegal character ${goCharacterName(escape.char)} in escape sequence` : 'escape sequence is an invalid Unicode code point';
      this.problem(node, message, 'a backslash in a PromQL string starts an escape (\\n, \\", \\\\): write \\\\ for one backslash, e.g. "\\\\d+" in a regex, or quote with backticks: `\\d+`');
      return;
    }
  }

  /**
   * A number: no underscores in Prometheus 2.x, no duration where a number goes (up > 5m), in
   * float64's range and a hex one in int64's, and an @ time that is finite and fits.
   */
  private number(node: SyntaxNode): void {
    const text = this.src(node);
    if (text.includes('_')) {
      this.problem(node, `bad number or duration syntax: "${text.slice(0, text.indexOf('_'))}"`, `Prometheus 2.x takes no underscores in numbers: ${text.replaceAll('_', '')}`);
      return;
    }
    if (/^[-+]?\d+(ms|[smhdwy])/.test(text)) {
      this.problem(node, `unexpected duration "${text}"`, 'a duration goes in a range, subquery or offset; as a number of seconds write it so: 300 for 5m');
      return;
    }
    const magnitude = text.replace(/^[-+]/, '').toLowerCase();
    const outOfRange = /^0x/.test(magnitude) ? BigInt(magnitude) >= 2n ** 63n : magnitude !== 'inf' && magnitude !== 'nan' && !Number.isFinite(Number(magnitude));
    if (outOfRange) {
      this.problem(node, `error parsing number: "${text}" is out of range`, /^0x/.test(magnitude) ? 'a hex number fits in 63 bits' : 'a number fits in a float64, up to about 1.8e308');
      return;
    }
    if (node.parent?.name !== 'StepInvariantExpr') return;
    const seconds = magnitude === 'inf' ? Infinity : magnitude === 'nan' ? NaN : Number(magnitude);
    if (!(seconds < 2 ** 63)) this.problem(node, `timestamp out of bounds for @ modifier: ${text}`, '@ takes a Unix time in seconds, e.g. @ 1700000000, or start() or end()');
  }

  /** An offset or @: after a selector or subquery, each at most once. */
  private modifier(node: SyntaxNode): void {
    const kind = node.name === 'OffsetExpr' ? 'offset' : '@';
    let inner = postfixTarget(node);
    while (inner && (inner.name === 'OffsetExpr' || inner.name === 'StepInvariantExpr')) {
      if (inner.name === node.name) {
        this.problem(node, kind === 'offset' ? 'offset may not be set multiple times' : '@ <timestamp> may not be set multiple times');
        return;
      }
      inner = postfixTarget(inner);
    }
    if (!inner || !SELECTORS.has(inner.name)) this.problem(node, `${kind} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
  }

  private selector(node: SyntaxNode): void {
    const name = node.getChild('Identifier');
    // The grammar takes it for a metric; Prometheus's lexer, in any case, for the operator.
    if (name && this.src(name).toLowerCase() === 'atan2') this.problem(name, `unexpected <op:${this.src(name)}>`, 'atan2 is an operator (a atan2 b), not a metric name');
    const matchers = children(node.getChild('LabelMatchers') ?? node).filter((c) => c.name === 'UnquotedLabelMatcher');
    let nonEmpty = false;
    for (const matcherNode of matchers) {
      const matcher = labelMatcherOf(matcherNode, this.text);
      if (!matcher) continue;
      if (name && matcher.label === '__name__') this.problem(node, `metric name must not be set twice: "${this.src(name)}" or "${matcher.value}"`);
      // Whether it matches a series that lacks the label, as Prometheus asks of each (a bad regex is reported elsewhere).
      const badRegex = matcher.op.endsWith('~') && regexError(matcher.value) !== undefined;
      if (!badRegex && !matcherMatches(matcher, {})) nonEmpty = true;
    }
    // A quoted name is reported as such: Prometheus 2.x reads no further.
    const quoted = children(node.getChild('LabelMatchers') ?? node).some((c) => c.name.startsWith('Quoted'));
    if (!name && !nonEmpty && !quoted) {
      this.problem(node, 'vector selector must contain at least one non-empty matcher', 'name the metric, or match a label to a value that is not empty: {job="api"}');
    }
  }

  private binary(node: SyntaxNode): void {
    const op = children(node).find((c) => OPERATORS.has(c.name));
    const clause = node.getChild('MatchingModifierClause');
    if (node.getChild('BoolModifier') && op && !COMPARISONS.has(op.name)) this.problem(node, 'bool modifier can only be used on comparison operators');
    if (op && SET_OPERATORS.has(op.name) && (clause?.getChild('GroupLeft') || clause?.getChild('GroupRight'))) {
      this.problem(clause!, `no grouping allowed for "${this.src(op).toLowerCase()}" operation`, 'and, or and unless match many to many: drop group_left/group_right');
    }
  }
}

/** White space the grammar skips and Prometheus's lexer does not take: only space, tab, CR and LF are. */
const OTHER_SPACE = /[\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** The first such character outside strings and comments, as a problem. */
function otherSpaceProblem(tree: Tree, text: string): PromqlProblem | undefined {
  const quoted: [number, number][] = [];
  tree.iterate({ enter: (node) => void ((node.name === 'StringLiteral' || node.name === 'LineComment') && quoted.push([node.from, node.to])) });
  for (const match of text.matchAll(OTHER_SPACE)) {
    const at = match.index;
    if (quoted.some(([from, to]) => at >= from && at < to)) continue;
    return { from: at, to: at + 1, message: `unexpected character: ${JSON.stringify(match[0])}`, hint: 'Prometheus takes only spaces, tabs and line breaks between tokens; a non-breaking space often comes with copied text' };
  }
  return undefined;
}

/** What Prometheus 2.x's parser would refuse in this tree of `text`. */
export function parserLimitProblems(tree: Tree, text: string): PromqlProblem[] {
  const limits = new Limits(text);
  limits.check(tree.topNode);
  const space = otherSpaceProblem(tree, text);
  return space ? [space, ...limits.problems] : limits.problems;
}
