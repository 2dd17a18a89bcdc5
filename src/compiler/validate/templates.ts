/**
 * Alert templates (annotations, label values) may name only labels the alert's expression keeps:
 * Prometheus fills $labels from the result series, so a dropped label renders as an empty string
 * in a page. Their syntax is checked by go-template-syntax.ts.
 */
import type { LabelSet } from '../promql/analyze.ts';

const LABEL_REFERENCE = /\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)|index\s+\$labels\s+"([^"]+)"|\.Labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g;

/** Labels a Go template names through $labels.x, .Labels.x or index $labels "x". */
export function labelsReferenced(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(LABEL_REFERENCE)) names.push(match[1] ?? match[2] ?? match[3]!);
  return names;
}

/** Names referenced by the template that `available` does not hold (none when unknown). */
export function droppedLabels(template: string, available: LabelSet): string[] {
  if (!available) return [];
  return [...new Set(labelsReferenced(template).filter((name) => !available.has(name)))];
}
