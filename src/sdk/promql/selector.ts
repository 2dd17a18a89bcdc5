import type { Duration } from '../duration.ts';
import { InstantVector, PRECEDENCE, RangeVector, type SeriesKind } from './expression.ts';

/** A label matcher other than equality. */
export interface Matcher {
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A label's value to match exactly, or a Matcher from eq/ne/re/nre/oneOf. */
export type MatcherValue = string | Matcher;

/** Matchers by label name; only the labels the series carry are accepted. */
export type Matchers<L extends string> = { readonly [K in L]?: MatcherValue };

/** `label="value"` */
export const eq = (value: string): Matcher => ({ op: '=', value });
/** `label!="value"` */
export const ne = (value: string): Matcher => ({ op: '!=', value });
/** `label=~"regex"` (anchored, as in Prometheus) */
export const re = (regex: string): Matcher => ({ op: '=~', value: regex });
/** `label!~"regex"` */
export const nre = (regex: string): Matcher => ({ op: '!~', value: regex });

/** `label=~"a|b|c"` with each value escaped, so it matches exactly one of them. */
export function oneOf(values: readonly string[]): Matcher {
  return re(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}

function matcherText(name: string, matcher: MatcherValue): string {
  const { op, value } = typeof matcher === 'string' ? eq(matcher) : matcher;
  return `${name}${op}${JSON.stringify(value)}`;
}

/** `name{a="x", b!="y"}`; matchers in the order written. */
export function selectorText(name: string, matchers: Readonly<Record<string, MatcherValue | undefined>> = {}): string {
  const parts = Object.entries(matchers)
    .filter((entry): entry is [string, MatcherValue] => entry[1] !== undefined)
    .map(([label, matcher]) => matcherText(label, matcher));
  return parts.length ? `${name}{${parts.join(', ')}}` : name;
}

/** An instant vector selector: can become a range (`[5m]`) or be shifted (`offset`). */
export class Selector<L extends string = string, K extends SeriesKind = SeriesKind> extends InstantVector<L> {
  declare readonly selectorKind: K;

  /** `selector[duration]`: the samples of the last `duration`, for rate, increase, *_over_time. */
  range(duration: Duration): RangeVector<L, K> {
    return new RangeVector<L, K>(`${this.text}[${duration}]`, PRECEDENCE.atom);
  }

  /** `selector offset duration`: the value as it was `duration` ago. For a shifted range, use range(...).offset(...). */
  offset(duration: Duration): InstantVector<L> {
    return new InstantVector<L>(`${this.text} offset ${duration}`, PRECEDENCE.atom);
  }
}

/** A selector over a series name. */
export function select<L extends string, K extends SeriesKind>(name: string, matchers?: Matchers<L>): Selector<L, K> {
  return new Selector<L, K>(selectorText(name, matchers), PRECEDENCE.atom);
}
