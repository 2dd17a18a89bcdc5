/** The escalation schedule: steps after their delays, runs repeated, counted from the first notification. */
import { expect, it } from 'vitest';
import { escalationPolicySchema } from '../../../src/runtime/config/schema.ts';
import { escalationProgress, nextStepDueAt, startEscalation, stoppedBy, takeDueSteps } from '../../../src/runtime/pipeline/escalate.ts';

const MINUTE = 60_000;
const policy = escalationPolicySchema.parse({
  name: 'critical',
  steps: [
    { after: '0s', receivers: ['team'] },
    { after: '10m', receivers: ['oncall'] },
    { after: '30m', receivers: ['manager'] },
  ],
  repeat: 2,
});

it('takes each step once its delay has passed, and accumulates who was told', () => {
  let state = startEscalation('g', policy, 0);
  let taken = takeDueSteps(policy, state, 4 * 60 * MINUTE, 0, false);
  expect(taken.steps).toEqual([{ step: 1, receivers: ['team'] }]);
  state = taken.state;
  expect(nextStepDueAt(policy, state, 0)).toBe(10 * MINUTE);
  expect(takeDueSteps(policy, state, 0, 10 * MINUTE - 1, false).steps).toEqual([]);
  taken = takeDueSteps(policy, state, 0, 30 * MINUTE, false);
  expect(taken.steps.map((s) => s.step)).toEqual([2, 3]);
  expect(taken.state.told).toEqual(['team', 'oncall', 'manager']);
});

it('repeats the chain one step-gap after its last step, `repeat` times in all', () => {
  let state = takeDueSteps(policy, startEscalation('g', policy, 0), 0, 30 * MINUTE, false).state;
  // Second run starts at 30m + 20m (the gap between the last two steps).
  expect(nextStepDueAt(policy, state, 0)).toBe(50 * MINUTE);
  state = takeDueSteps(policy, state, 0, 80 * MINUTE, false).state;
  expect(state.run).toBe(2);
  expect(nextStepDueAt(policy, state, 0)).toBeUndefined();
});

it('tells how far the chain has come, 1-based as messages number steps, with no next step once it has run out', () => {
  let state = startEscalation('g', policy, 0);
  expect(escalationProgress(policy, state)).toEqual({ lastStep: 0, run: 1, nextStep: 1 });
  state = takeDueSteps(policy, state, 0, 10 * MINUTE, false).state;
  expect(escalationProgress(policy, state)).toEqual({ lastStep: 2, run: 1, nextStep: 3 });
  state = takeDueSteps(policy, state, 0, 30 * MINUTE, false).state;
  expect(escalationProgress(policy, state)).toEqual({ lastStep: 3, run: 1, nextStep: 1 });
  state = takeDueSteps(policy, state, 0, 80 * MINUTE, false).state;
  expect(escalationProgress(policy, state)).toEqual({ lastStep: 3, run: 2, nextStep: null });
});

it('an acknowledgement stops the chain after its first step, which always goes', () => {
  const state = startEscalation('g', policy, 0);
  expect(stoppedBy(true, state)).toBe(false);
  const taken = takeDueSteps(policy, state, 0, 30 * MINUTE, true);
  expect(taken.steps).toEqual([{ step: 1, receivers: ['team'] }]);
  expect(stoppedBy(true, taken.state)).toBe(true);
  expect(stoppedBy(false, taken.state)).toBe(false);
  expect(takeDueSteps(policy, taken.state, 0, 30 * MINUTE, true).steps).toEqual([]);
});
