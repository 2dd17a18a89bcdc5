import type { Duration } from '../duration.ts';
import { declared, type Declared } from '../declared.ts';
import { requireEntries } from '../entries.ts';
import type { Inhibition } from './inhibit.ts';
import type { Route } from './route.ts';

export interface NotifyConfigProps {
  /** The root of the routing tree: it must name a receiver or an escalation policy. */
  readonly route: Route;
  /** Inhibition rules. Default: none. */
  readonly inhibitions?: readonly Inhibition[];
  /** An alert that stops being re-sent resolves after this long. Default 5m. */
  readonly resolveTimeout?: Duration;
}

export type NotifyConfig = Declared<'notify-config', NotifyConfigProps>;

/**
 * The project's notification setup, exported once (rules/notify.ts). Receivers, escalation
 * policies and time intervals are found through the routes that use them.
 */
export function notifyConfig(props: NotifyConfigProps): NotifyConfig {
  requireEntries('notifyConfig', 'inhibitions', props.inhibitions, true);
  return declared('notify-config', props);
}
