import { describe, expect, it } from 'vitest';
import { tscEnvironment } from '../../../src/compiler/typecheck.ts';

describe("tsc's environment", () => {
  it('turns off Go garbage collection below a memory limit, keeping the rest of the environment', () => {
    const env = tscEnvironment({ PATH: '/bin' });
    expect(env).toMatchObject({ PATH: '/bin', GOGC: 'off' });
    expect(env.GOMEMLIMIT).toMatch(/^[1-9]\d*MiB$/);
  });

  it.each([{ GOGC: '200' }, { GOMEMLIMIT: '1GiB' }])("leaves the user's own Go tuning alone: %o", (tuning) => {
    expect(tscEnvironment({ PATH: '/bin', ...tuning })).toEqual({ PATH: '/bin', ...tuning });
  });
});
