/** The `filter` parameter of GET /api/v2/alerts and /api/v2/silences, as amtool sends it. */
import { expect, it } from 'vitest';
import { HttpError } from '../../../src/runtime/api/http-error.ts';
import { parseMatcher } from '../../../src/runtime/api/matcher-filter.ts';

it('reads quoted, unquoted and regex matchers as amtool writes them', () => {
  expect(parseMatcher('alertname="SyncErrorRateHigh"')).toEqual({ label: 'alertname', op: '=', value: 'SyncErrorRateHigh' });
  expect(parseMatcher('{connector!=crm}')).toEqual({ label: 'connector', op: '!=', value: 'crm' });
  expect(parseMatcher('severity=~"crit.*"')).toEqual({ label: 'severity', op: '=~', value: 'crit.*' });
  expect(parseMatcher('summary="say \\"hi\\""')).toEqual({ label: 'summary', op: '=', value: 'say "hi"' });
});

it('refuses a malformed matcher, a bad escape or a bad regex with a 400 naming the filter', () => {
  for (const text of ['alertname', '1abc="x"', 'a="\\x41"', 'a=~"("']) {
    const refused = (() => {
      try {
        parseMatcher(text);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 400, message: expect.stringMatching(/^filter: /) });
  }
});
