/**
 * Parses PromQL with the official lezer grammar and walks the tree: syntax errors (lezer recovers,
 * so error nodes are searched for), unknown metrics, unknown labels in matchers and groupings,
 * argument types of functions, and the set of labels the expression's result carries, which is
 * what annotation templates and later expressions may use.
 */
import type { SyntaxNode } from '@lezer/common';
import { closest } from '../../runtime/config/closest.ts';
import { regexError } from '../../runtime/config/matcher-regex.ts';
import { goUnquote, goUnquotesToUtf8 } from '../go-escape.ts';
import { children, parsePromql } from './parse.ts';
import { parserLimitProblems } from './parser-limits.ts';
import { FUNCTIONS, type ValueType } from './signatures.ts';

/** Labels a result carries, or null when they cannot be known (an external metric without labels). */
export type LabelSet = ReadonlySet<string> | null;

/** What the analyzer needs to know about a series name. */
export interface SeriesInfo {
  /** Labels of the series, scraping's job and instance included; null when unknown. */
  readonly labels: LabelSet;
  /** counter or gauge, for lint; undefined when unknown. */
  readonly kind: 'counter' | 'gauge' | undefined;
}

/** Resolves a series name to what is known of it, or undefined when nothing declares it. */
export type SeriesResolver = (name: string) => SeriesInfo | undefined;

export interface PromqlProblem {
  /** Offsets into the expression text. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
  readonly hint?: string;
}

/** A selector found in the expression, for lint and dependency tracking. */
export interface SelectorUse {
  readonly name: string;
  readonly kind: 'counter' | 'gauge' | undefined;
  /** The range of a matrix selector (`5m`), when it is one. */
  readonly range: string | undefined;
  /** The function the selector (or its range) is the direct argument of. */
  readonly fn: string | undefined;
  readonly from: number;
  readonly to: number;
}

/**
 * A binary operation between two vectors that matches series on their labels (all of them, or all
 * but those ignored) where the two sides carry different ones: no series pair matches, so while
 * the series carry the labels declared for them, the result is empty.
 */
export interface VectorMismatch {
  readonly op: string;
  /** Compared labels only the left side carries, and only the right. */
  readonly leftOnly: readonly string[];
  readonly rightOnly: readonly string[];
  /** Labels both carry: what an on (...) could match on. */
  readonly common: readonly string[];
}

export interface Analysis {
  readonly valueType: ValueType;
  readonly labels: LabelSet;
  readonly problems: readonly PromqlProblem[];
  readonly selectors: readonly SelectorUse[];
  readonly mismatches: readonly VectorMismatch[];
}

interface Value {
  readonly type: ValueType;
  readonly labels: LabelSet;
  /** Labels fixed by equality matchers when the value is a plain selector (for absent()). */
  readonly equalities?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();
const SCALAR: Value = { type: 'scalar', labels: NONE };
const NAME_LABEL = '__name__';

function list(labels: Iterable<string>): string {
  const sorted = [...labels].filter((l) => l !== NAME_LABEL).sort();
  return sorted.length ? sorted.join(', ') : '(none)';
}

const EXPRESSION_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'ParenExpr',
  'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr',
]);

class Analyzer {
  readonly problems: PromqlProblem[] = [];
  readonly selectors: SelectorUse[] = [];
  readonly mismatches: VectorMismatch[] = [];

  constructor(
    private readonly text: string,
    private readonly resolve: SeriesResolver,
    private readonly knownNames: () => Iterable<string>,
  ) {}

  private problem(node: SyntaxNode, message: string, hint?: string): void {
    this.problems.push({ from: node.from, to: node.to, message, ...(hint ? { hint } : {}) });
  }

  private src(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private expressions(node: SyntaxNode): SyntaxNode[] {
    return children(node).filter((c) => EXPRESSION_NODES.has(c.name));
  }

  /**
   * The value of `node`. `postfix` is a range, subquery, offset or @ the grammar put around a
   * binary or unary expression holding `node`: it applies to the operand right before it (see
   * postfixTarget), so it is carried down to that operand.
   */
  value(node: SyntaxNode, fn?: string, postfix?: SyntaxNode): Value {
    if (postfix && node.name !== 'BinaryExpr' && node.name !== 'UnaryExpr') return this.postfixed(postfix, node, fn);
    switch (node.name) {
      case 'PromQL':
      case 'ParenExpr': {
        const inner = this.expressions(node)[0];
        return inner ? this.value(inner) : SCALAR;
      }
      case 'UnaryExpr': {
        const inner = this.expressions(node)[0];
        const v = inner ? this.value(inner, undefined, postfix) : SCALAR;
        if (v.type === 'matrix' || v.type === 'string') this.problem(node, `unary expression only allowed on expressions of type scalar or instant vector, got ${withArticle(v.type)}`);
        return v;
      }
      case 'NumberDurationLiteral':
        return SCALAR;
      case 'StringLiteral':
        return { type: 'string', labels: NONE };
      case 'VectorSelector':
        return this.selector(node, fn, undefined);
      case 'MatrixSelector':
      case 'SubqueryExpr':
      case 'OffsetExpr':
      case 'StepInvariantExpr': {
        const inner = this.expressions(node)[0];
        if (!inner) return SCALAR;
        return inner.name === 'BinaryExpr' || inner.name === 'UnaryExpr' ? this.value(inner, fn, node) : this.postfixed(node, inner, fn);
      }
      case 'FunctionCall':
        return this.functionCall(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node, postfix);
      default:
        return SCALAR;
    }
  }

  /** The value of a range, subquery, offset or @ applied to `operand`. */
  private postfixed(postfix: SyntaxNode, operand: SyntaxNode, fn: string | undefined): Value {
    switch (postfix.name) {
      case 'MatrixSelector': {
        const range = postfix.getChild('DurationExpr') ?? postfix.getChild('NumberDurationLiteralInDurationContext');
        // Anything but a selector is reported by parserLimitProblems.
        const v = operand.name === 'VectorSelector' ? this.selector(operand, fn, range ? this.src(range) : undefined) : this.value(operand);
        return { type: 'matrix', labels: v.labels, ...(v.equalities ? { equalities: v.equalities } : {}) };
      }
      case 'SubqueryExpr': {
        const v = this.value(operand);
        if (v.type !== 'vector') this.problem(postfix, `a subquery needs an instant vector inside the brackets, not ${withArticle(v.type)}`);
        return { type: 'matrix', labels: v.labels };
      }
      default:
        return this.value(operand, fn);
    }
  }

  private selector(node: SyntaxNode, fn: string | undefined, range: string | undefined): Value {
    const identifier = node.getChild('Identifier');
    const matchers = children(node.getChild('LabelMatchers') ?? node).filter((c) => c.name.endsWith('LabelMatcher'));
    let name = identifier ? this.src(identifier) : undefined;
    const equalities = new Set<string>();
    const matched: [SyntaxNode, string][] = [];
    for (const matcher of matchers) {
      const labelNode = matcher.getChild('LabelName') ?? matcher.getChild('QuotedLabelName');
      const op = matcher.getChild('MatchOp');
      const valueNode = matcher.getChild('StringLiteral');
      if (!labelNode) continue;
      const label = labelNode.name === 'QuotedLabelName' ? goUnquote(this.src(labelNode)) : this.src(labelNode);
      const value = valueNode ? goUnquote(this.src(valueNode)) : '';
      const isEquality = op !== null && this.src(op) === '=';
      const regex = op !== null && this.src(op).endsWith('~') ? (valueNode && !goUnquotesToUtf8(this.src(valueNode)) ? 'error parsing regexp: invalid UTF-8' : regexError(value)) : undefined;
      if (regex) this.problem(valueNode ?? matcher, `regex ${label}${this.src(op!)}${JSON.stringify(value)} does not compile: ${regex}`, "Prometheus uses RE2 syntax (Go's regexp): no lookarounds or backreferences");
      if (label === NAME_LABEL && isEquality) name = value;
      else {
        matched.push([labelNode, label]);
        if (isEquality) equalities.add(label);
      }
    }
    if (name === undefined) return { type: 'vector', labels: null };
    const info = this.resolve(name);
    this.selectors.push({ name, kind: info?.kind, range, fn, from: node.from, to: node.to });
    if (!info) {
      const suggestion = closest(name, this.knownNames());
      this.problem(
        identifier ?? node,
        `unknown metric "${name}": it is in neither the catalog nor the recording rules`,
        suggestion
          ? `did you mean "${suggestion}"? Otherwise declare it in rules/metrics.ts (with \`external\` if another exporter owns it).`
          : 'declare it in rules/metrics.ts with counter(), gauge() or histogram() (with `external: "<exporter>"` if another exporter owns it), or record it with a recording rule.',
      );
      return { type: 'vector', labels: null, equalities };
    }
    if (info.labels) {
      for (const [labelNode, label] of matched) {
        if (!info.labels.has(label)) {
          const suggestion = closest(label, info.labels);
          this.problem(labelNode, `metric "${name}" has no label "${label}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, `its labels are: ${list(info.labels)}`);
        }
      }
    }
    return { type: 'vector', labels: info.labels, equalities };
  }

  private functionCall(node: SyntaxNode): Value {
    const identifier = node.getChild('FunctionIdentifier');
    const name = identifier ? this.src(identifier) : '';
    const body = node.getChild('FunctionCallBody');
    const argNodes = body ? this.expressions(body) : [];
    const args = argNodes.map((arg) => this.value(arg, name));
    const signature = FUNCTIONS[name];
    if (!signature) {
      this.problem(identifier ?? node, `unknown function "${name}"`, `Prometheus 2.x functions include: ${Object.keys(FUNCTIONS).slice(0, 12).join(', ')}, ...`);
      return { type: 'vector', labels: null };
    }
    const min = signature.args.length - (signature.optional ?? 0);
    const max = signature.variadic ? Infinity : signature.args.length;
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.problem(node, `${name}() takes ${expected} argument${expected === '1' ? '' : 's'}, got ${args.length}`);
    }
    args.forEach((arg, i) => {
      const expected = signature.args[Math.min(i, signature.args.length - 1)];
      if (expected && arg.type !== expected) {
        const hint = expected === 'matrix' && arg.type === 'vector' ? `give it a range, e.g. ${this.src(argNodes[i]!)}[5m]` : undefined;
        this.problem(argNodes[i]!, `argument ${i + 1} of ${name}() must be ${withArticle(expected)}, not ${withArticle(arg.type)}`, hint);
      }
    });
    const first = args.find((a) => a.type === 'vector' || a.type === 'matrix');
    if (signature.returns !== 'vector') return { type: signature.returns, labels: NONE };
    if (signature.labels === 'none') return { type: 'vector', labels: NONE };
    if (signature.labels === 'absent') return { type: 'vector', labels: first?.equalities ?? NONE };
    // Labels unknown (null) stay unknown; no vector argument, no labels.
    let labels = first === undefined ? NONE : first.labels;
    if (name === 'histogram_quantile' && labels) {
      if (!labels.has('le')) this.problem(argNodes[1] ?? node, 'histogram_quantile() needs the le label, and its argument does not keep it', `aggregate with by (le, ...) so the buckets survive; it keeps: ${list(labels)}`);
      labels = new Set([...labels].filter((l) => l !== 'le'));
    }
    if ((name === 'label_replace' || name === 'label_join') && labels && argNodes[1]?.name === 'StringLiteral') {
      labels = new Set([...labels, goUnquote(this.src(argNodes[1]))]);
    }
    return { type: 'vector', labels };
  }

  private aggregate(node: SyntaxNode): Value {
    // Keywords in any case, as Prometheus's lexer reads them: TOPK is topk.
    const op = this.src(node.getChild('AggregateOp') ?? node).trim().toLowerCase();
    const modifier = node.getChild('AggregateModifier');
    const body = node.getChild('FunctionCallBody');
    const argNodes = body ? this.expressions(body) : [];
    const args = argNodes.map((arg) => this.value(arg));
    const parameterised = ['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio'].includes(op);
    const input = args[parameterised ? 1 : 0];
    const inputNode = argNodes[parameterised ? 1 : 0];
    if (!input || (parameterised && args.length !== 2) || (!parameterised && args.length !== 1)) {
      this.problem(node, `${op} takes ${parameterised ? 'a parameter and a vector' : 'one vector'}`);
      return { type: 'vector', labels: null };
    }
    if (input.type !== 'vector') this.problem(inputNode!, `${op} aggregates an instant vector, not ${withArticle(input.type)}`);
    const parameterType = op === 'count_values' ? 'string' : 'scalar';
    if (parameterised && args[0]!.type !== parameterType) this.problem(argNodes[0]!, `the parameter of ${op} must be ${withArticle(parameterType)}, not ${withArticle(args[0]!.type)}`);
    const groupingNode = modifier?.getChild('GroupingLabels');
    const grouping = groupingNode ? children(groupingNode).filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName') : [];
    const names = grouping.map((g) => (g.name === 'QuotedLabelName' ? goUnquote(this.src(g)) : this.src(g)));
    if (input.labels) {
      grouping.forEach((g, i) => {
        const label = names[i]!;
        if (!input.labels!.has(label)) {
          this.problem(g, `${op} groups by "${label}", which the aggregated expression does not carry`, `it keeps: ${list(input.labels!)}`);
        }
      });
    }
    const without = modifier?.getChild('Without') !== null && modifier?.getChild('Without') !== undefined;
    let labels: LabelSet;
    if (op === 'topk' || op === 'bottomk' || op === 'limitk' || op === 'limit_ratio') labels = input.labels;
    else if (!modifier) labels = NONE;
    else if (without) labels = input.labels ? new Set([...input.labels].filter((l) => !names.includes(l))) : null;
    else labels = new Set(names);
    if (op === 'count_values' && labels && argNodes[0]?.name === 'StringLiteral') labels = new Set([...labels, goUnquote(this.src(argNodes[0]))]);
    return { type: 'vector', labels };
  }

  private binary(node: SyntaxNode, postfix: SyntaxNode | undefined): Value {
    const [leftNode, rightNode] = this.expressions(node);
    if (!leftNode || !rightNode) return { type: 'vector', labels: null };
    const left = this.value(leftNode);
    const right = this.value(rightNode, undefined, postfix);
    const opNode = children(node).find((c) => !EXPRESSION_NODES.has(c.name) && c.name !== 'BoolModifier' && c.name !== 'MatchingModifierClause');
    const op = opNode ? this.src(opNode) : '';
    const bool = node.getChild('BoolModifier') !== null;
    const isComparison = ['==', '!=', '>', '<', '>=', '<='].includes(op);
    const isSet = ['and', 'or', 'unless'].includes(op.toLowerCase());
    const clause = node.getChild('MatchingModifierClause');
    const groupingLists = clause ? clause.getChildren('GroupingLabels') : [];
    const labelsOf = (n: SyntaxNode | undefined) => (n ? children(n).filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName').map((c) => (c.name === 'QuotedLabelName' ? goUnquote(this.src(c)) : this.src(c))) : []);
    const matching = labelsOf(groupingLists[0]);
    const include = labelsOf(groupingLists[1]);
    if (left.type === 'matrix' || right.type === 'matrix' || left.type === 'string' || right.type === 'string') {
      this.problem(node, `operator ${op} needs scalars or instant vectors on both sides`, left.type === 'matrix' || right.type === 'matrix' ? 'wrap the range in a function such as rate() or avg_over_time()' : undefined);
      return { type: 'vector', labels: null };
    }
    // As Prometheus: labels to match on need vectors on both sides; `on()` or a bare group_left with a scalar is no error.
    if ((left.type === 'scalar' || right.type === 'scalar') && matching.length > 0) {
      this.problem(node, 'vector matching (on, ignoring, group_left, group_right) only allowed between instant vectors');
    }
    if (left.type === 'scalar' && right.type === 'scalar') {
      if (isComparison && !bool) this.problem(node, `comparing two scalars needs the bool modifier: ${op} bool`);
      if (isSet) this.problem(node, `${op} works on vectors only`);
      return SCALAR;
    }
    if (left.type === 'scalar' || right.type === 'scalar') {
      if (isSet) this.problem(node, `${op} works on vectors only, not a scalar`);
      return { type: 'vector', labels: left.type === 'vector' ? left.labels : right.labels };
    }
    const on = clause?.getChild('On') !== null && clause?.getChild('On') !== undefined;
    const groupLeft = clause?.getChild('GroupLeft') != null;
    const groupRight = clause?.getChild('GroupRight') != null;
    if (on) {
      const both = include.filter((l) => matching.includes(l));
      if (both.length) this.problem(clause!, `${both.join(', ')} both in on (...) and in ${groupLeft ? 'group_left' : 'group_right'} (...): Prometheus refuses a label in both`, 'on (...) already matches on it and a match carries it: leave it out of the group clause');
      for (const [side, value] of [['left', left], ['right', right]] as const) {
        if (!value.labels) continue;
        const missing = matching.filter((l) => !value.labels!.has(l));
        if (missing.length) this.problem(clause!, `on (${matching.join(', ')}): the ${side} side does not carry ${missing.join(', ')}`, `the ${side} side keeps: ${list(value.labels)}`);
      }
    }
    // `or` keeps both sides' series whatever their labels; every other operator needs pairs.
    if (!on && op.toLowerCase() !== 'or' && left.labels && right.labels) {
      const compared = (labels: ReadonlySet<string>) => [...labels].filter((l) => l !== NAME_LABEL && !matching.includes(l)).sort();
      const [l, r] = [compared(left.labels), compared(right.labels)];
      const leftOnly = l.filter((x) => !r.includes(x));
      const rightOnly = r.filter((x) => !l.includes(x));
      if (leftOnly.length || rightOnly.length) this.mismatches.push({ op, leftOnly, rightOnly, common: l.filter((x) => r.includes(x)) });
    }
    if (isSet) {
      if (op.toLowerCase() !== 'or') return { type: 'vector', labels: left.labels };
      if (!left.labels || !right.labels) return { type: 'vector', labels: left.labels ?? right.labels };
      return { type: 'vector', labels: new Set([...left.labels].filter((l) => right.labels!.has(l))) };
    }
    if (groupLeft || groupRight) {
      const [many, one] = groupLeft ? [left, right] : [right, left];
      if (one.labels) {
        const missing = include.filter((l) => !one.labels!.has(l));
        if (missing.length) this.problem(clause!, `${groupLeft ? 'group_left' : 'group_right'} copies ${missing.join(', ')}, which the ${groupLeft ? 'right' : 'left'} side does not carry`, `it keeps: ${list(one.labels)}`);
      }
      return { type: 'vector', labels: many.labels ? new Set([...many.labels, ...include]) : null };
    }
    if (!left.labels) return { type: 'vector', labels: null };
    if (on) return { type: 'vector', labels: new Set(matching.filter((l) => left.labels!.has(l))) };
    return { type: 'vector', labels: new Set([...left.labels].filter((l) => !matching.includes(l))) };
  }
}

function describe(type: ValueType): string {
  return type === 'matrix' ? 'range vector' : type === 'vector' ? 'instant vector' : type;
}

function withArticle(type: ValueType): string {
  const word = describe(type);
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Line and column (1-based) of an offset in a text. */
export function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * Once a chain of left-associative operations is past 2,000 characters, lezer cuts it short after
 * some hundred more reductions (@lezer/lr's MaxLeftAssociativeReductionCount), so the tree stays
 * shallow enough to walk, and the rest reads as a syntax error; Prometheus takes the chain. A deeper
 * tree than that runs out of stack.
 */
const LONG_CHAIN = { characters: 2000, operators: 100 };
const LONG_CHAIN_HINT = "the build's parser (lezer) gives up on a long chain of binary operators (some hundred past its 2,000th character), which Prometheus takes: put parentheses around parts of at most 100 operands, or split it into recording rules";
const BINARY_OPERATOR = /\s(?:or|and|unless)\s|[-+*/%^]|[=!<>]=|[<>]/gi;
const isLongChain = (text: string) => (text.match(BINARY_OPERATOR)?.length ?? 0) > LONG_CHAIN.operators;

/** Analyzes one PromQL expression against what the project declares. */
export function analyzePromql(text: string, resolve: SeriesResolver, knownNames: () => Iterable<string> = () => []): Analysis {
  try {
    return analyzeParsed(text, resolve, knownNames);
  } catch (error) {
    if (!(error instanceof RangeError && error.message.includes('call stack'))) throw error;
    const hint = isLongChain(text) ? LONG_CHAIN_HINT : 'Prometheus may take it; split it into recording rules';
    return { valueType: 'vector', labels: null, problems: [{ from: 0, to: text.length, message: 'the expression nests too deeply for the build to read', hint }], selectors: [], mismatches: [] };
  }
}

function analyzeParsed(text: string, resolve: SeriesResolver, knownNames: () => Iterable<string>): Analysis {
  const tree = parsePromql(text);
  const syntax: PromqlProblem[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && syntax.length === 0) {
        const found = text.slice(ref.from, Math.max(ref.to, ref.from + 1));
        // The grammar knows functions by name, so an unknown one surfaces as a stray "(".
        const call = found.startsWith('(') ? /([a-zA-Z_][a-zA-Z0-9_]*)\s*$/.exec(text.slice(0, ref.from)) : null;
        if (call) {
          const fn = call[1]!;
          const suggestion = closest(fn, Object.keys(FUNCTIONS));
          syntax.push({ from: call.index, to: ref.from, message: `unknown function "${fn}"`, hint: suggestion ? `did you mean ${suggestion}()?` : 'see the PromQL functions of Prometheus 2.x' });
          return;
        }
        const longChain = ref.from >= LONG_CHAIN.characters && isLongChain(text);
        syntax.push({
          from: ref.from,
          to: ref.to,
          message: found.trim() ? `syntax error: unexpected "${found.trim()}"` : ref.from >= text.length ? 'syntax error: unexpected end of expression' : 'syntax error',
          ...(longChain && { hint: LONG_CHAIN_HINT }),
        });
      }
    },
  });
  if (text.trim() === '') syntax.push({ from: 0, to: 0, message: 'the expression is empty' });
  if (!syntax.length) syntax.push(...parserLimitProblems(tree, text));
  if (syntax.length) return { valueType: 'vector', labels: null, problems: syntax, selectors: [], mismatches: [] };
  const analyzer = new Analyzer(text, resolve, knownNames);
  const value = analyzer.value(tree.topNode);
  return { valueType: value.type, labels: value.labels, problems: analyzer.problems, selectors: analyzer.selectors, mismatches: analyzer.mismatches };
}
