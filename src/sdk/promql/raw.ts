import { Metric } from '../catalog.ts';
import { Expression, formatNumber, InstantVector } from './expression.ts';

/** What a raw PromQL template may interpolate: a catalog metric (its name), an expression, a number. */
export type Interpolation = Metric | { readonly kind: 'recording'; readonly name: string } | Expression | number | string;

function interpolate(value: Interpolation): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (value instanceof Expression) return value.wrap(10);
  return value.name;
}

/**
 * Raw PromQL for what the helpers do not cover. It is parsed and checked against the catalog at
 * build time like everything else. As a tagged template, metrics and expressions interpolate:
 * promql`sum(rate(${syncOperations}[5m]))`. Give the labels it keeps as L to use it in typed
 * helpers; by default any label is accepted and the compiler checks them instead.
 */
export function promql<L extends string = string>(text: string): InstantVector<L>;
export function promql<L extends string = string>(strings: TemplateStringsArray, ...values: Interpolation[]): InstantVector<L>;
export function promql<L extends string = string>(first: string | TemplateStringsArray, ...values: Interpolation[]): InstantVector<L> {
  const text = typeof first === 'string' ? first : first.reduce((out, part, i) => out + part + (i < values.length ? interpolate(values[i]!) : ''), '');
  // Precedence 0: raw text is always parenthesised when an operator composes it.
  return new InstantVector<L>(text.trim(), 0);
}
