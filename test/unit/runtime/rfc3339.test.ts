import { expect, it } from 'vitest';
import { parseRfc3339 } from '../../../src/runtime/rfc3339.ts';

it('reads RFC 3339 times to epoch milliseconds: fractions, offsets, years before 100', () => {
  expect(parseRfc3339('2024-05-01T12:00:00Z')).toBe(Date.UTC(2024, 4, 1, 12));
  // Nanoseconds, as Go writes them, to the millisecond.
  expect(parseRfc3339('2024-05-01T12:00:00.123456789+02:00')).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 123));
  expect(parseRfc3339('2024-05-01T12:00:00.5-00:30')).toBe(Date.UTC(2024, 4, 1, 12, 30, 0, 500));
  expect(parseRfc3339('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
  // Go's zero time, which senders write for "not set": Date.UTC alone would read year 1 as 1901.
  expect(parseRfc3339('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00Z'));
  expect(parseRfc3339('9999-12-31T23:59:59.999Z')).toBe(Date.parse('9999-12-31T23:59:59.999Z'));
});

it("reads the other layouts Alertmanager's API reads, as it reads them", () => {
  // No zone is UTC; minutes without seconds; a space for the T; a comma before the fraction.
  expect(parseRfc3339('2024-05-01T12:00:00')).toBe(Date.UTC(2024, 4, 1, 12));
  expect(parseRfc3339('2024-05-01T12:00')).toBe(Date.UTC(2024, 4, 1, 12));
  expect(parseRfc3339('2024-05-01T12:00Z')).toBe(Date.UTC(2024, 4, 1, 12));
  expect(parseRfc3339('2024-05-01 12:00:00')).toBe(Date.UTC(2024, 4, 1, 12));
  expect(parseRfc3339('2024-05-01T12:00:00,5+02:00')).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 500));
  // A zone without its colon after exactly 3 or 6 fraction digits; a one-digit hour.
  expect(parseRfc3339('2024-05-01T12:00:00.123+0200')).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 123));
  expect(parseRfc3339('2024-05-01T1:00:00Z')).toBe(Date.UTC(2024, 4, 1, 1));
  // An empty time is the Unix epoch.
  expect(parseRfc3339('')).toBe(0);
  // Offsets are not range-checked.
  expect(parseRfc3339('2024-05-01T12:00:00+24:00')).toBe(Date.UTC(2024, 4, 1, 12) - 24 * 3_600_000);
});

it('refuses what Alertmanager refuses, and what Date.parse would read as some other time', () => {
  for (const text of ['1', '2024', 'yesterday', '2024-05-01', '2024-05-01 12:00:00Z', '2024-05-01T12:00:00+0200', '2024-05-01T12:00:00.1234+0200', '2024-05-01t12:00:00Z', '2024-05-01T12:00:00z', '2024-05-01T12:00+02:00', '2024-05-01T12:00:00.Z', '2024-5-01T12:00:00Z']) {
    expect(parseRfc3339(text), text).toBeNaN();
  }
  for (const text of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-02-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-00T00:00:00Z']) {
    expect(parseRfc3339(text), text).toBeNaN();
  }
  for (const text of ['2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z', '2024-01-01T23:59:60Z']) {
    expect(parseRfc3339(text), text).toBeNaN();
  }
});
