/**
 * The one place PromQL text is parsed. Analysis, lint, rule tests and the rules dashboard each walk
 * the same expressions; lezer trees are immutable, so each text is parsed once per process.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

const trees = new Map<string, Tree>();

/**
 * Prometheus 2.x's holt_winters, which the grammar (Prometheus 3's, where it is renamed) does not
 * know. It is parsed as a function of the grammar's with a name as long, so the tree has its call
 * at the same offsets; whoever reads the name reads it from the text, holt_winters.
 */
const HOLT_WINTERS_CALL = /\bholt_winters(?=\s*\()/g;
const SAME_LENGTH_FUNCTION = 'day_of_month';

/**
 * Numbers Go's scanner reads and the grammar does not, rewritten as long for it: a hex prefix in
 * capitals (0X1F) and a point with no digits after it (5., 1.e3). Read from the text, they stay as written.
 */
const CAPITAL_HEX_PREFIX = /\b0X(?=[0-9a-fA-F])/g;
const TRAILING_POINT = /(?<![\w.])(\d+)\.(?![\w.])/g;
/** A point before an exponent (1.e3): the point becomes a 0, 10e3, of the same type and length. */
const POINT_BEFORE_EXPONENT = /(?<![\w.])(\d+)\.(?=[eE][-+]?\d)/g;

/**
 * A metric named offset, in any case, which Prometheus 2.x reads where an expression starts and the
 * grammar takes for the keyword everywhere: where no expression ends before it (the start, an
 * opening parenthesis, a comma, an operator and its on (...) or group_left (...); a keyword that
 * ends a metric name, job:ops:or, is none), it is given the grammar as an identifier as long.
 */
const OFFSET_AS_NAME = /(^|[(,+\-*/%^=<>!]|(?<![\w:])(?:and|or|unless|bool|group_left|group_right)\b|(?<![\w:])(?:on|ignoring|group_left|group_right)\s*\([^()]*\))(\s*)offset\b/gi;

export function parsePromql(text: string): Tree {
  let tree = trees.get(text);
  if (!tree) {
    tree = parser.parse(text.replace(HOLT_WINTERS_CALL, SAME_LENGTH_FUNCTION).replace(CAPITAL_HEX_PREFIX, '0x').replace(TRAILING_POINT, '$1 ').replace(POINT_BEFORE_EXPONENT, (_, digits: string) => `${digits}0`).replace(OFFSET_AS_NAME, '$1$2offsex'));
    trees.set(text, tree);
  }
  return tree;
}

/** A node's children, in order. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}
