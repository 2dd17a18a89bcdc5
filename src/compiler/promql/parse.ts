/**
 * The one place PromQL text is parsed. Analysis, lint, rule tests and the rules dashboard each walk
 * the same expressions; lezer trees are immutable, so each text is parsed once per process.
 */
import type { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

const trees = new Map<string, Tree>();

export function parsePromql(text: string): Tree {
  let tree = trees.get(text);
  if (!tree) {
    tree = parser.parse(text);
    trees.set(text, tree);
  }
  return tree;
}
