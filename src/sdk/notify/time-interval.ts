import { declared, type Declared } from '../declared.ts';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface TimeIntervalProps {
  /** Unique name, used by routes' mute and active intervals. */
  readonly name: string;
  /** Days, as single days or ranges: `monday:friday`. Default: every day. */
  readonly weekdays?: readonly (Weekday | `${Weekday}:${Weekday}`)[];
  /** Times of day, `HH:MM` to `HH:MM` (end exclusive). Default: all day. */
  readonly times?: readonly { readonly start: string; readonly end: string }[];
  /** IANA time zone the times are in, e.g. `Europe/Berlin`. Default UTC. */
  readonly location?: string;
}

export type TimeInterval = Declared<'time-interval', TimeIntervalProps>;

/** Declares a recurring period, such as business hours, to mute or activate routes by. */
export function timeInterval(props: TimeIntervalProps): TimeInterval {
  return declared('time-interval', props);
}
