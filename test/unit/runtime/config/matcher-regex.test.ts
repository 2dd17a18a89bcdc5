import { expect, it } from 'vitest';
import { regexError, regexMatches } from '../../../../src/runtime/config/matcher-regex.ts';
import { matcherMatches } from '../../../../src/runtime/config/route-match.ts';

it("matches the whole value, in Alertmanager's RE2 syntax", () => {
  expect(regexMatches('crit|warn', 'crit')).toBe(true);
  expect(regexMatches('crit|warn', 'critical')).toBe(false);
  expect(regexMatches('(?i)disk.*', 'DiskFull')).toBe(true);
  expect(regexMatches('[[:alpha:]]+-eu', 'crm-eu')).toBe(true);
  expect(regexMatches('\\Qdb.1\\E', 'db.1')).toBe(true);
  expect(regexMatches('\\Qdb.1\\E', 'dbx1')).toBe(false);
  // As in Go, . and $ do not cross a newline.
  expect(regexMatches('a.b', 'a\nb')).toBe(false);
  expect(regexMatches('a', 'a\n')).toBe(false);
  expect(matcherMatches({ label: 'severity', op: '=~', value: '(?i)CRITICAL' }, { severity: 'critical' })).toBe(true);
  expect(matcherMatches({ label: 'team', op: '!~', value: 'db|ops' }, {})).toBe(true);
});

it("refuses what RE2 refuses, in Go's words", () => {
  expect(regexError('crm(?=-eu)')).toBe('error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  expect(regexError('(a)\\1')).toBe('error parsing regexp: invalid escape sequence: `\\1`');
  // Anchored as Prometheus and Alertmanager anchor it, so said as amtool says it; an unended \Q quotes the anchor away.
  expect(regexError('db(')).toBe('error parsing regexp: missing closing ): `^(?:db()$`');
  expect(regexError('\\Qdb(')).toBe('error parsing regexp: missing closing ): `^(?:\\Qdb()$`');
  expect(regexError('(?i)crm|erp')).toBeUndefined();
});

it('refuses a named group written (?<name>, which the Go of Prometheus 2.42 and Alertmanager 0.25 refuses', () => {
  expect(regexError('(?<host>[^:]+):\\d+')).toMatch(/^error parsing regexp: invalid or unsupported Perl syntax: `\(\?<` .*write \(\?P<name>\.\.\.\)/);
  expect(regexError('(?P<host>[^:]+):\\d+')).toBeUndefined();
  // Not a group: an escaped parenthesis, in a class, quoted.
  expect(['\\(?<a', '[(?<]', '[]](?P<a>b)', '[[:alpha:](?<]', '\\Q(?<\\E'].map(regexError)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  // A [: that names no class is a character of the class (this once looped for ever, holding the event loop).
  expect(regexError('[[:a]')).toBeUndefined();
  expect(regexError('[[:a]](?<x>b)')).toMatch(/`\(\?<`/);
});

it('matches in time linear in the value: a pattern that backtracks for ever in JavaScript returns', () => {
  // /^(?:(a+)+$)$/ takes seconds on 25 characters and doubles with each one more.
  expect(regexMatches('(a+)+$', `${'a'.repeat(5000)}!`)).toBe(false);
  expect(regexMatches('(a|aa)+', 'a'.repeat(5000))).toBe(true);
});

it("refuses a script newer than Go 1.19's Unicode 13, which re2js knows and amtool 0.25 does not, in or out of a class", () => {
  expect(regexError('[\\p{Kawi}a]')).toBe("error parsing regexp: invalid character class range: `\\p{Kawi}` (a script of Unicode 14 or later, which the Go of Prometheus 2.42 and Alertmanager 0.25 does not know)");
  expect([regexError('\\p{Greek}'), regexError('\\p{Yezidi}'), regexError('\\\\p{Kawi}'), regexError('\\Q\\p{Kawi}\\E')]).toEqual([undefined, undefined, undefined, undefined]);
});

it('takes two groups of one name, as Go does (re2js refuses them), and matches as if unnamed', () => {
  expect(regexError('(?P<x>a)|(?P<x>b)+')).toBeUndefined();
  expect(['a', 'bb', 'ab'].map((v) => regexMatches('(?P<x>a)|(?P<x>b)+', v))).toEqual([true, true, false]);
  // A class or \Q...\E holding the same text is left as it is.
  expect(['xab', '(ab', 'ab'].map((v) => regexMatches('[(?P<x>]a(?P<x>b)(?P<x>)', v))).toEqual([true, true, false]);
  expect(['(?P<x>ab', 'ab'].map((v) => regexMatches('\\Q(?P<x>\\E(?P<x>a)(?P<x>b)', v))).toEqual([true, false]);
});
