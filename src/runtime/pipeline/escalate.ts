/**
 * Escalate stage: a group routed to an escalation policy tells the receivers of each step once the
 * step's delay has passed since the group's first notification, while the group still fires and
 * nobody has acknowledged it. The first step always goes, as a plain receiver's first message
 * does, so an acknowledgement given before it still leaves someone told of the group and its
 * resolution. The chain runs `repeat` times; a run starts one step-gap (the delay between the last
 * two steps; a single-step chain uses the route's repeat_interval) after the previous run's last
 * step.
 */
import type { EscalationPolicy } from '../config/schema.ts';
import { durationMs } from '../duration.ts';

export interface EscalationState {
  readonly groupKey: string;
  readonly policy: string;
  /** The group's first notification: step delays count from here. */
  readonly startedAt: number;
  /** 0-based run of the chain. */
  readonly run: number;
  /** 0-based index of the next step; equal to the step count when the run is done. */
  readonly nextStep: number;
  /** Every receiver told so far: they hear the group's news and its resolution. */
  readonly told: readonly string[];
}

export interface DueStep {
  /** 1-based, as messages show it. */
  readonly step: number;
  readonly receivers: readonly string[];
}

export function startEscalation(groupKey: string, policy: EscalationPolicy, now: number): EscalationState {
  return { groupKey, policy: policy.name, startedAt: now, run: 0, nextStep: 0, told: [] };
}

function runPeriodMs(policy: EscalationPolicy, repeatIntervalMs: number): number {
  const delays = policy.steps.map((s) => durationMs(s.after));
  const last = delays[delays.length - 1]!;
  const gap = delays.length > 1 ? last - delays[delays.length - 2]! : repeatIntervalMs;
  // A chain whose steps all fire at once must not repeat in a busy loop.
  return Math.max(last + gap, 1000);
}

/** Whether an acknowledgement stops the chain: once its first step has been taken. */
export function stoppedBy(acknowledged: boolean, state: EscalationState): boolean {
  return acknowledged && (state.run > 0 || state.nextStep > 0);
}

/** Whether the chain has taken every step of every run. */
const ranOut = (policy: EscalationPolicy, state: EscalationState) => state.run >= policy.repeat || state.nextStep >= policy.steps.length;

/**
 * How far the chain has come, 1-based as messages number steps: the last step taken (0 before the
 * first) and the run it was of, and the next step, or null once the chain has run out. The state
 * keeps the next step's index, which wraps to the next run after a run's last step.
 */
export function escalationProgress(policy: EscalationPolicy, state: EscalationState): { lastStep: number; run: number; nextStep: number | null } {
  const wrapped = state.nextStep === 0 && state.run > 0;
  return {
    lastStep: wrapped ? policy.steps.length : state.nextStep,
    run: wrapped ? state.run : state.run + 1,
    nextStep: ranOut(policy, state) ? null : state.nextStep + 1,
  };
}

/** When the next step is due, or undefined when the chain has run out. */
export function nextStepDueAt(policy: EscalationPolicy, state: EscalationState, repeatIntervalMs: number): number | undefined {
  if (ranOut(policy, state)) return undefined;
  return state.startedAt + state.run * runPeriodMs(policy, repeatIntervalMs) + durationMs(policy.steps[state.nextStep]!.after);
}

/**
 * The chain going on at `now`, late (held while muted, acknowledged then withdrawn, the notifier
 * down): its next step, due at `due`, goes now and the later ones keep their delays from it.
 * Counted from the first flush instead, every step that came due meanwhile would page at once
 * (on-call, manager and director together) and use up the runs to repeat. A tick's own lateness
 * (milliseconds) moves the later steps as much, harmlessly.
 */
export function resumeAt(state: EscalationState, due: number, now: number): EscalationState {
  return due < now ? { ...state, startedAt: state.startedAt + (now - due) } : state;
}

/** The steps due by `now`, in order (the first only, for an acknowledged group), and the state after them. */
export function takeDueSteps(policy: EscalationPolicy, state: EscalationState, repeatIntervalMs: number, now: number, acknowledged: boolean): { steps: DueStep[]; state: EscalationState } {
  const steps: DueStep[] = [];
  let current = state;
  for (let due = nextStepDueAt(policy, current, repeatIntervalMs); due !== undefined && due <= now && !stoppedBy(acknowledged, current); due = nextStepDueAt(policy, current, repeatIntervalMs)) {
    const step = policy.steps[current.nextStep]!;
    steps.push({ step: current.nextStep + 1, receivers: step.receivers });
    const told = [...new Set([...current.told, ...step.receivers])];
    const lastOfRun = current.nextStep + 1 >= policy.steps.length;
    current = { ...current, told, nextStep: lastOfRun ? 0 : current.nextStep + 1, run: lastOfRun ? current.run + 1 : current.run };
  }
  return { steps, state: current };
}
