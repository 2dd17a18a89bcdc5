import { declared, type Declared } from '../declared.ts';
import type { AlertMatchers } from './route.ts';

export interface InhibitionProps {
  /** While an alert matching these fires... */
  readonly sourceMatchers: AlertMatchers;
  /** ...alerts matching these are muted... */
  readonly targetMatchers: AlertMatchers;
  /** ...when both carry the same values of these labels. Default: none. */
  readonly equal?: readonly string[];
}

export type Inhibition = Declared<'inhibition', InhibitionProps>;

/** Declares that one alert makes others redundant (a critical mutes its warning). */
export function inhibit(props: InhibitionProps): Inhibition {
  return declared('inhibition', props);
}
