/** The parts of a PromQL expression that lint and rule tests need beyond the analysis: label matchers and call arguments. */
import type { SyntaxNode } from '@lezer/common';
import { parsePromql, unquote } from './parse.ts';

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
  return { label: text.slice(label.from, label.to), op: text.slice(op.from, op.to) as LabelMatcher['op'], value: unquote(text.slice(value.from, value.to)) };
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
