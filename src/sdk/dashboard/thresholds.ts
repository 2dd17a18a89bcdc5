/** Colours by value: what turns a stat red, and where a graph draws its warning lines. */

/** Grafana's named colours, as its colour picker offers them. */
export const COLORS = ['green', 'semi-dark-green', 'yellow', 'orange', 'red', 'dark-red', 'blue', 'purple', 'text', 'transparent'] as const;

export type Color = (typeof COLORS)[number];

export interface ThresholdStep {
  /** From this value up (inclusive), until the next step. */
  readonly value: number;
  /** The colour from `value` up. */
  readonly color: Color;
}

export interface Thresholds {
  /** The colour below the first step. Default `green`. */
  readonly base?: Color;
  /** Steps in ascending order of value; the build fails when they are not. Default: none. */
  readonly steps: readonly ThresholdStep[];
}
