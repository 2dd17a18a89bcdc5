/**
 * PromQL expressions as the builder makes them: printed text plus how tightly it binds, so that
 * composing expressions adds exactly the parentheses PromQL needs. The type parameters are
 * phantom: they exist for the type checker only and make a wrong label a compile error.
 */

/** Binding strength of PromQL operators, loosest first (Prometheus' own order). */
export const PRECEDENCE = { or: 1, and: 2, comparison: 3, additive: 4, multiplicative: 5, power: 6, unary: 7, atom: 10 } as const;

/** What kind of series a selector reads, so counter-only functions can insist on counters. */
export type SeriesKind = 'counter' | 'gauge';

declare const LABELS: unique symbol;
declare const KIND: unique symbol;

/** Any PromQL expression. */
export abstract class Expression {
  constructor(
    /** The PromQL text. */
    readonly text: string,
    /** How tightly the text binds; see PRECEDENCE. */
    readonly precedence: number,
  ) {}

  /** The text, parenthesised when it binds looser than `min`. */
  wrap(min: number): string {
    return this.precedence < min ? `(${this.text})` : this.text;
  }

  toString(): string {
    return this.text;
  }
}

/** A scalar: a number literal, `time()`, `scalar(v)`. */
export class Scalar extends Expression {
  declare readonly kindTag: 'scalar';
}

/** A number or a scalar expression. */
export type ScalarLike = number | Scalar;

export function scalarText(value: ScalarLike, min: number): string {
  if (typeof value === 'number') return formatNumber(value);
  return value.wrap(min);
}

/** PromQL spelling of a number: finite numbers as JavaScript prints them, Inf and NaN by name. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * An instant vector whose series carry (at most) the labels L. Built by selecting a catalog metric,
 * by a function, an aggregation or an operator.
 */
export class InstantVector<L extends string = string> extends Expression {
  declare readonly [LABELS]: L;
}

/** A range vector (`metric[5m]`): input to rate, increase, *_over_time and friends. */
export class RangeVector<L extends string = string, K extends SeriesKind = SeriesKind> extends Expression {
  declare readonly [LABELS]: L;
  declare readonly [KIND]: K;
  declare readonly rangeTag: true;

  /** Shift the range back in time: `x[5m] offset 1h`. */
  offset(by: string): RangeVector<L, K> {
    return new RangeVector<L, K>(`${this.text} offset ${by}`, PRECEDENCE.atom);
  }
}

/** One-to-one matching on these labels only (`on (...)`): the result keeps just them. */
export interface On<K extends string> {
  readonly on: readonly K[];
}

/** One-to-one matching on every label but these (`ignoring (...)`): the result drops them. */
export interface Ignoring<K extends string> {
  readonly ignoring: readonly K[];
}

/** Many-to-one matching: each left series pairs with one right series, copying labels G from it. */
export interface GroupLeft<G extends string> {
  /** Labels to copy from the right side (`group_left (...)`); may be empty. */
  readonly groupLeft: readonly G[];
  /** Pair series on these labels only. Default: every label but the name. */
  readonly on?: readonly string[];
  /** Pair series on every label but these. */
  readonly ignoring?: readonly string[];
}

/** One-to-many matching: each right series pairs with one left series, copying labels G from it. */
export interface GroupRight<G extends string> {
  /** Labels to copy from the left side (`group_right (...)`); may be empty. */
  readonly groupRight: readonly G[];
  readonly on?: readonly string[];
  readonly ignoring?: readonly string[];
}

/**
 * An arithmetic or comparison operator as a method, with Prometheus' label rules: with a scalar the
 * labels stay; one-to-one `on` keeps only the `on` labels, `ignoring` drops its labels; group_left
 * keeps the left side's labels and copies the named ones from the right (group_right mirrors it).
 */
export interface BinaryOperator<L extends string, Extra = {}> {
  (other: ScalarLike, options?: Extra & NoMatching): InstantVector<L>;
  <R extends string, const G extends R>(other: InstantVector<R>, matching: GroupLeft<G> & Extra): InstantVector<L | G>;
  <R extends string, const G extends L>(other: InstantVector<R>, matching: GroupRight<G> & Extra): InstantVector<R | G>;
  <R extends string, const K extends L & R>(other: InstantVector<R>, matching: On<K> & Extra): InstantVector<K>;
  <R extends string, const K extends L | R>(other: InstantVector<R>, matching: Ignoring<K> & Extra): InstantVector<Exclude<L, K>>;
  <R extends string>(other: InstantVector<R>, options?: Extra & NoMatching): InstantVector<L>;
}

/** No vector matching modifiers: one-to-one on every label. */
interface NoMatching {
  readonly on?: never;
  readonly ignoring?: never;
  readonly groupLeft?: never;
  readonly groupRight?: never;
}

/** Comparisons filter by default; `bool: true` returns 0 or 1 instead. */
export interface BoolModifier {
  /** Return 0 or 1 for every series instead of dropping those that do not match. Default false. */
  readonly bool?: boolean;
}

/** A set operator (and, unless, or): vectors only, never group modifiers. */
export type SetOperator<L extends string, Result extends 'left' | 'common'> = <R extends string>(
  other: InstantVector<R>,
  matching?: Partial<On<L & R> & Ignoring<L | R>>,
) => InstantVector<Result extends 'left' ? L : Extract<L, R>>;

interface OperatorOptions {
  readonly on?: readonly string[];
  readonly ignoring?: readonly string[];
  readonly groupLeft?: readonly string[];
  readonly groupRight?: readonly string[];
  readonly bool?: boolean;
}

function labelList(labels: readonly string[]): string {
  return `(${labels.join(', ')})`;
}

function modifierText(options: OperatorOptions | undefined): string {
  if (!options) return '';
  const parts: string[] = [];
  if (options.bool) parts.push('bool');
  if (options.on) parts.push(`on ${labelList(options.on)}`);
  if (options.ignoring) parts.push(`ignoring ${labelList(options.ignoring)}`);
  if (options.groupLeft) parts.push(options.groupLeft.length ? `group_left ${labelList(options.groupLeft)}` : 'group_left');
  if (options.groupRight) parts.push(options.groupRight.length ? `group_right ${labelList(options.groupRight)}` : 'group_right');
  return parts.length ? `${parts.join(' ')} ` : '';
}

/** Prints `left op right` with the parentheses the operator's precedence and associativity need. */
export function binaryText(left: Expression, op: string, precedence: number, right: Expression | number, options?: OperatorOptions): string {
  const rightAssociative = op === '^';
  const leftText = left.wrap(rightAssociative ? precedence + 1 : precedence);
  const rightText = typeof right === 'number' ? formatNumber(right) : right.wrap(rightAssociative ? precedence : precedence + 1);
  return `${leftText} ${op} ${modifierText(options)}${rightText}`;
}

function operator(op: string, precedence: number) {
  return function (this: InstantVector, other: Expression | number, options?: OperatorOptions): InstantVector {
    return new InstantVector(binaryText(this, op, precedence, other, options), precedence);
  };
}

const ARITHMETIC = { add: ['+', PRECEDENCE.additive], sub: ['-', PRECEDENCE.additive], mul: ['*', PRECEDENCE.multiplicative], div: ['/', PRECEDENCE.multiplicative], mod: ['%', PRECEDENCE.multiplicative], pow: ['^', PRECEDENCE.power] } as const;
const COMPARISON = { eq: '==', ne: '!=', gt: '>', lt: '<', gte: '>=', lte: '<=' } as const;
const SET = { and: ['and', PRECEDENCE.and], unless: ['unless', PRECEDENCE.and], or: ['or', PRECEDENCE.or] } as const;

for (const [name, [op, precedence]] of Object.entries(ARITHMETIC)) Object.defineProperty(InstantVector.prototype, name, { value: operator(op, precedence) });
for (const [name, op] of Object.entries(COMPARISON)) Object.defineProperty(InstantVector.prototype, name, { value: operator(op, PRECEDENCE.comparison) });
for (const [name, [op, precedence]] of Object.entries(SET)) Object.defineProperty(InstantVector.prototype, name, { value: operator(op, precedence) });

export interface InstantVector<L extends string = string> {
  /** `this + other` */ add: BinaryOperator<L>;
  /** `this - other` */ sub: BinaryOperator<L>;
  /** `this * other` */ mul: BinaryOperator<L>;
  /** `this / other`: a ratio when both are vectors. */ div: BinaryOperator<L>;
  /** `this % other` */ mod: BinaryOperator<L>;
  /** `this ^ other` */ pow: BinaryOperator<L>;
  /** `this == other` */ eq: BinaryOperator<L, BoolModifier>;
  /** `this != other` */ ne: BinaryOperator<L, BoolModifier>;
  /** `this > other` */ gt: BinaryOperator<L, BoolModifier>;
  /** `this < other` */ lt: BinaryOperator<L, BoolModifier>;
  /** `this >= other` */ gte: BinaryOperator<L, BoolModifier>;
  /** `this <= other` */ lte: BinaryOperator<L, BoolModifier>;
  /** `this and other`: series of this that have a match in other. */ and: SetOperator<L, 'left'>;
  /** `this unless other`: series of this that have no match in other. */ unless: SetOperator<L, 'left'>;
  /** `this or other`: series of both; only labels both sides carry are certain. */ or: SetOperator<L, 'common'>;
}
