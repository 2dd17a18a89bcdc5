/** Go's unquoting, as Prometheus's lexer and Go's templates read a quoted string. */
import { expect, it } from 'vitest';
import { goUnquote, goUnquotesToUtf8 } from '../../../src/compiler/go-escape.ts';

it('reads escapes as Go does: \\x and octal as bytes, \\u and \\U as characters, either quote', () => {
  expect(['"\\xc3\\xa9"', '"\\101\\x42"', '"\\U0001F600"', '"\\u00e9\\t"', "'a\\'b'", '"a\\"b"', '`a\\nb`', '"plain"'].map(goUnquote)).toEqual(['é', 'AB', '😀', 'é\t', "a'b", 'a"b', 'a\\nb', 'plain']);
});

it('keeps an escape Go refuses as written, for the checks that report it', () => {
  expect(['"\\d+"', '"\\x4"'].map(goUnquote)).toEqual(['\\d+', '\\x4']);
});

it('says whether the bytes are UTF-8, which Go\'s regexp asks of a pattern', () => {
  expect(['"\\xc3\\xa9"', '"\\xc3"', '"\\377"', '`\\xc3`', '"é"'].map(goUnquotesToUtf8)).toEqual([true, false, false, true, true]);
  expect(goUnquote('"a\\xc3b"')).toBe('a\ufffdb');
});
