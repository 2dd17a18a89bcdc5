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

/** A PromQL string literal's value: backticks are raw, double quotes escape as in Go (JSON's escapes), single quotes by backslash. */
export function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) return body;
  if (literal.startsWith('"')) {
    try {
      return JSON.parse(literal) as string;
    } catch {
      return body;
    }
  }
  return body.replace(/\\(.)/g, '$1');
}
