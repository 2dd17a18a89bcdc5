/** URLs WHATWG's parser takes and Go's url.Parse (Alertmanager) refuses, each with Go's words. */
import { expect, it } from 'vitest';
import { goUrlProblem } from '../../../../src/runtime/config/go-url.ts';

it("names what Go's url.Parse refuses in a URL WHATWG takes, in Go's words", () => {
  expect(
    ['http:/x', 'http://x\\y', 'http://x/%zz', 'http://x/#%4', 'http://ex%41mple.com/', 'http://u p@x/', 'http://u%zz@x/', 'http://x:8o/', 'http://[::1]x/', 'http://x/\u0007'].map((url) => goUrlProblem(url)),
  ).toEqual([
    'missing host for URL: write the scheme, then //host',
    'invalid character "\\" in host name',
    'invalid URL escape "%zz"',
    'invalid URL escape "%4"',
    'invalid URL escape "%41"',
    'net/url: invalid userinfo',
    'invalid URL escape "%zz"',
    'invalid port ":8o" after host',
    'invalid port "x" after host',
    'net/url: invalid control character in URL',
  ]);
});

it('takes what Go takes: a raw query, escaped non-ASCII in a host, an empty port, IPv6, a space in the path', () => {
  expect(['http://x/?q=%zz', 'http://ex%C3%A9.com/', 'http://x:/', 'http://[::1]:9093/', 'http://x/a b', 'https://u:p@x/%2F#f'].map((url) => goUrlProblem(url))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
});

it('refuses a backslash after the host, which Alertmanager sends as %5C and undici as a slash', () => {
  expect(goUrlProblem('http://x/a\\b')).toBe('holds a backslash, which Alertmanager sends as %5C and the notifier as /: write the one meant');
});
