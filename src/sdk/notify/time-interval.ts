import { declared, type Declared } from '../declared.ts';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
export type Month = 'january' | 'february' | 'march' | 'april' | 'may' | 'june' | 'july' | 'august' | 'september' | 'october' | 'november' | 'december';
/** A day as Alertmanager reads it, in any case: `monday`, `Monday`. */
type WeekdayName = Weekday | Capitalize<Weekday>;
/** A month as Alertmanager reads it: by name in any case, or by number, 1 to 12. */
type MonthName = Month | Capitalize<Month> | number;

export interface TimeIntervalProps {
  /** Unique name, used by routes' mute and active intervals. */
  readonly name: string;
  /** Days, as single days or ranges: `monday:friday` (a range runs forward from Sunday to Saturday). Default: every day. */
  readonly weekdays?: readonly (WeekdayName | `${WeekdayName}:${WeekdayName}`)[];
  /** Times of day, `HH:MM` to `HH:MM` (end exclusive). Default: all day. */
  readonly times?: readonly { readonly start: string; readonly end: string }[];
  /** Days of the month, 1 to 31, or -1 (the last day) to -31 counted back from its end; ranges such as `'1:7'` or `'-7:-1'`. Default: every day. */
  readonly daysOfMonth?: readonly (number | `${number}:${number}`)[];
  /** Months, as single months or ranges, by name or number: `december`, `january:march`, `'1:3'`. Default: every month. */
  readonly months?: readonly (MonthName | `${MonthName}:${MonthName}`)[];
  /** Years, as single years or ranges: `2026`, `'2026:2027'`. Default: every year. */
  readonly years?: readonly (number | `${number}:${number}`)[];
  /** IANA time zone the times are in, e.g. `Europe/Berlin`. Default UTC. */
  readonly location?: string;
}

export type TimeInterval = Declared<'time-interval', TimeIntervalProps>;

/** Declares a recurring period, such as business hours, to mute or activate routes by. */
export function timeInterval(props: TimeIntervalProps): TimeInterval {
  return declared('time-interval', props);
}
