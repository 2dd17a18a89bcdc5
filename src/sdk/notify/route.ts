import type { Duration } from '../duration.ts';
import type { MatcherValue } from '../promql/selector.ts';
import { declared, type Declared } from '../declared.ts';
import { requireEntries } from '../entries.ts';
import type { EscalationPolicy } from './escalation.ts';
import type { Receiver } from './receiver.ts';
import type { TimeInterval } from './time-interval.ts';

/** Label matchers by label name: a value for equality, or ne/re/nre from the PromQL helpers. */
export type AlertMatchers = Readonly<Record<string, MatcherValue>>;

/** A route names a receiver or an escalation policy, not both (or neither, to inherit the parent's). */
interface ReceiverTarget {
  /** Who is told. Default: the parent's receiver or escalation policy. */
  readonly receiver?: Receiver | string;
  readonly escalation?: never;
}

interface EscalationTarget {
  /** An escalation policy instead of a receiver: its steps say who is told when. Default: the parent's. */
  readonly escalation?: EscalationPolicy | string;
  readonly receiver?: never;
}

export type RouteProps = RouteSettings & (ReceiverTarget | EscalationTarget);

export interface RouteSettings {
  /** A name for `alertforge routes test`, ALERTS.md and the groups API. Default: its matchers. */
  readonly name?: string;
  /** Alerts this route takes. Default: every alert (only sensible at the root). */
  readonly match?: AlertMatchers;
  /** Labels that split alerts into groups; `['...']` groups by every label. Default: the parent's (root: none); `[]` is refused below the root, where Alertmanager reads it as the parent's. */
  readonly groupBy?: readonly string[];
  /** Wait before a new group's first message, to collect its alerts. Default: parent's, root 30s. */
  readonly groupWait?: Duration;
  /** Wait before telling of alerts added to a group already notified. Default: parent's, root 5m. */
  readonly groupInterval?: Duration;
  /** Repeat a still-firing group's message this often. Default: parent's, root 4h. */
  readonly repeatInterval?: Duration;
  /** Keep matching the following siblings after this route matched. Default false. */
  readonly continue?: boolean;
  /** Mute the route during these intervals. Default: none. */
  readonly muteDuring?: readonly (TimeInterval | string)[];
  /** Route only during these intervals. Default: always. */
  readonly activeDuring?: readonly (TimeInterval | string)[];
  /** Child routes; the first that matches wins unless it continues. Default: none. */
  readonly routes?: readonly Route[];
}

export type Route = Declared<'route', RouteProps>;

/** Declares a node of the routing tree, with Alertmanager's semantics. */
export function route(props: RouteProps): Route {
  const owner = `route${props.name === undefined ? '' : ` "${props.name}"`}`;
  for (const field of ['routes', 'muteDuring', 'activeDuring'] as const) requireEntries(owner, field, props[field], true);
  return declared('route', props);
}
