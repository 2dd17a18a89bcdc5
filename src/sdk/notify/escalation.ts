import type { Duration } from '../duration.ts';
import { declared, type Declared } from '../declared.ts';
import { requireEntries } from '../entries.ts';
import type { Receiver } from './receiver.ts';

export interface EscalationStep {
  /** Delay from the group's first notification; the first step is usually `0s`. */
  readonly after: Duration;
  /** Who is told at this step, while the group still fires unacknowledged. */
  readonly notify: readonly (Receiver | string)[];
}

export interface EscalationPolicyProps {
  /** Unique name, used by routes and shown in the groups API. */
  readonly name: string;
  /** Ordered steps; each runs only if the group is still firing and unacknowledged. */
  readonly steps: readonly EscalationStep[];
  /** How many times the whole chain runs. Default 1. */
  readonly repeat?: number;
  /** Tell everyone who was notified when the group resolves. Default true. */
  readonly notifyResolved?: boolean;
}

export type EscalationPolicy = Declared<'escalation-policy', EscalationPolicyProps>;

/** Declares an escalation chain: notify, wait, notify the next tier unless acknowledged. */
export function escalationPolicy(props: EscalationPolicyProps): EscalationPolicy {
  const owner = `escalation policy ${JSON.stringify(props.name)}`;
  requireEntries(owner, 'steps', props.steps);
  props.steps.forEach((step, i) => requireEntries(owner, `steps[${i}].notify`, step.notify));
  return declared('escalation-policy', props);
}
