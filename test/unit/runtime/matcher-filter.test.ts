/** The `filter` parameter of GET /api/v2/alerts and /api/v2/silences, as amtool sends it. */
import { expect, it } from 'vitest';
import { HttpError } from '../../../src/runtime/api/http-error.ts';
import { parseMatcher } from '../../../src/runtime/api/matcher-filter.ts';

it('reads quoted, unquoted and regex matchers as amtool writes them, and escapes as Alertmanager reads them', () => {
  expect(parseMatcher('alertname="SyncErrorRateHigh"')).toEqual({ label: 'alertname', op: '=', value: 'SyncErrorRateHigh' });
  expect(parseMatcher(' connector != crm ')).toEqual({ label: 'connector', op: '!=', value: 'crm' });
  expect(parseMatcher('severity=~"crit.*"')).toEqual({ label: 'severity', op: '=~', value: 'crit.*' });
  expect(parseMatcher('summary="say \\"hi\\""')).toEqual({ label: 'summary', op: '=', value: 'say "hi"' });
  // Any other backslash is itself; = then = is the value "=x".
  expect(parseMatcher('a="\\x41\\n"')).toEqual({ label: 'a', op: '=', value: '\\x41\n' });
  expect(parseMatcher('a:b==x')).toEqual({ label: 'a:b', op: '=', value: '=x' });
  // Space inside a value is the value's, around it is not: 64,000 of it, as a query's `+` can bring, too.
  expect(parseMatcher(`a=x${' '.repeat(64_000)}y \t`)).toEqual({ label: 'a', op: '=', value: `x${' '.repeat(64_000)}y` });
  expect(parseMatcher('a=  ')).toEqual({ label: 'a', op: '=', value: '' });
});

it('refuses what Alertmanager refuses, with a 400 naming the filter: braces, stray quotes, a bad regex', () => {
  for (const text of ['alertname', '1abc="x"', '{connector!=crm}', 'a="x', 'a=x"', 'a="x"y"', 'a=~"("']) {
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
