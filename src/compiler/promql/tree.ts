/** The parts of a PromQL expression that lint and rule tests need beyond the analysis: label matchers and call arguments. */
import type { SyntaxNode } from '@lezer/common';
import { goUnquote } from '../go-escape.ts';
import { children, parsePromql } from './parse.ts';

export interface LabelMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export interface Span {
  readonly from: number;
  readonly to: number;
}

/** Visits the nodes whose name passes `wanted`; only those become SyntaxNode objects, which costs. */
function walk(text: string, wanted: (name: string) => boolean, visit: (node: SyntaxNode) => void): void {
  parsePromql(text).iterate({
    enter: (ref) => {
      if (wanted(ref.name)) visit(ref.node);
    },
  });
}

/** Every label matcher of the expression's selectors, in order. */
export function labelMatchers(text: string): LabelMatcher[] {
  const found: LabelMatcher[] = [];
  walk(text, (name) => name.endsWith('LabelMatcher'), (node) => {
    const matcher = labelMatcherOf(node, text);
    if (matcher) found.push(matcher);
  });
  return found;
}

/** A label matcher node of `text` (`job="api"`) read; undefined when the grammar recovered from an error in it. */
export function labelMatcherOf(node: SyntaxNode, text: string): LabelMatcher | undefined {
  const label = node.getChild('LabelName');
  const op = node.getChild('MatchOp');
  const value = node.getChild('StringLiteral');
  if (!label || !value || !op) return undefined;
  return { label: text.slice(label.from, label.to), op: text.slice(op.from, op.to) as LabelMatcher['op'], value: goUnquote(text.slice(value.from, value.to)) };
}

/** Where each call of `fn` has its argument number `index` (0-based). */
export function callArguments(text: string, fn: string, index: number): Span[] {
  const spans: Span[] = [];
  walk(text, (name) => name === 'FunctionCall', (node) => {
    const identifier = node.getChild('FunctionIdentifier');
    if (!identifier || text.slice(identifier.from, identifier.to) !== fn) return;
    const args: SyntaxNode[] = [];
    for (let child = node.getChild('FunctionCallBody')?.firstChild; child; child = child.nextSibling) if (!child.type.isError) args.push(child);
    const arg = args[index];
    if (arg) spans.push({ from: arg.from, to: arg.to });
  });
  return spans;
}

const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const ABSENCE_FUNCTIONS = new Set(['Absent', 'AbsentOverTime']);

/**
 * How an expression picks the series it returns: by a comparison that filters (or absent(), which
 * returns a series only when there is none), only by comparisons with `bool` (which keep every
 * series, as 0 or 1), or not at all.
 */
export function seriesFilter(text: string): 'compares' | 'bool' | 'none' {
  let found: 'compares' | 'bool' | 'none' = 'none';
  walk(text, (name) => name === 'BinaryExpr' || name === 'FunctionIdentifier', (node) => {
    if (node.name === 'FunctionIdentifier') {
      if (ABSENCE_FUNCTIONS.has(node.firstChild?.name ?? '')) found = 'compares';
      return;
    }
    const parts = children(node);
    if (!parts.some((c) => COMPARISONS.has(c.name))) return;
    if (!parts.some((c) => c.name === 'BoolModifier')) found = 'compares';
    else if (found === 'none') found = 'bool';
  });
  return found;
}

/** Functions and aggregations of a series' presence or time, not its value. */
const PRESENCE_READERS = new Set(['Absent', 'AbsentOverTime', 'PresentOverTime', 'Timestamp', 'Count', 'Group', 'CountValues']);

/**
 * The selectors whose sample values the expression reads as they are: in no range or subquery
 * (which rate() and its kind take), and under nothing that reads only presence or time (count(),
 * absent(), timestamp()).
 */
export function valueReadSelectors(text: string): Span[] {
  const found: Span[] = [];
  walk(text, (name) => name === 'VectorSelector', (node) => {
    for (let up = node.parent; up; up = up.parent) {
      if (up.name === 'MatrixSelector' || up.name === 'SubqueryExpr') return;
      const reader = up.name === 'FunctionCall' ? up.getChild('FunctionIdentifier') : up.name === 'AggregateExpr' ? up.getChild('AggregateOp') : null;
      if (PRESENCE_READERS.has(reader?.firstChild?.name ?? '')) return;
    }
    found.push({ from: node.from, to: node.to });
  });
  return found;
}
