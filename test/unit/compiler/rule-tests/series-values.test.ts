import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { seriesValuesProblem } from '../../../../src/compiler/rule-tests/series-values.ts';
import { itWithTools } from '../../../support/tools.ts';

const GOOD = [
  '', '1 2 3', '  1\t2  ', '0+10x40', '1-2x3', '-1-2x3', '_', '_x3', '1 _ 3 stale', 'stale', '1x3', '0x10', '-1', '+1',
  '1e3', '1.5E-3', '1e3x2', '.5', '5.', '010', 'Inf', '-Inf', 'NaN', 'nan', 'INF', 'Inf+1x2', 'stale+1x2', '0+1x0',
];
const BAD = [
  '0+10 x40', '1 2 x', 'abc', '1+2', 'x3', '1x', '1x-1', '1x1.5', '1x1e2', '1xInf', '_+1x3', '__', '_1', '1a', '1_000', '0x1F',
  '1e', '1e999', 'Stale', 'stalex3', 'Infinity', '1..2', '1,2', '1+2x3x4', 'sum', 'a:b', '1 -', '-', '1+Infx3', '[1]', '1\n2', '1+-2x3',
];

describe('input series values in promtool notation', () => {
  it('accepts the expanding notation and refuses the rest', () => {
    expect(GOOD.filter((v) => seriesValuesProblem(v) !== undefined)).toEqual([]);
    expect(BAD.filter((v) => seriesValuesProblem(v) === undefined)).toEqual([]);
  });

  it('says where in the string and what it expected', () => {
    expect(seriesValuesProblem('0+10 x40')).toEqual({ at: 4, message: 'expected "x" and how many steps, found a space' });
    expect(seriesValuesProblem('1 2 x')).toEqual({ at: 4, message: 'expected a value (a number, Inf, NaN, stale or _), found "x"' });
    expect(seriesValuesProblem('1+2')).toEqual({ at: 3, message: 'expected "x" and how many steps, found the end' });
    expect(seriesValuesProblem('1 2a')).toEqual({ at: 2, message: 'bad number "2a"' });
    expect(seriesValuesProblem('1x1.5')).toEqual({ at: 2, message: 'expected a whole number of repetitions after "x", found "1.5"' });
  });

  itWithTools(['promtool'])('agrees with promtool on which strings it reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alertforge-series-values-'));
    try {
      const accepted = await Promise.all([...GOOD, ...BAD].map(async (values, i) => {
        const file = join(dir, `${i}.yml`);
        writeFileSync(file, JSON.stringify({ rule_files: [], tests: [{ interval: '1m', input_series: [{ series: 'up{job="a"}', values }] }] }));
        return promisify(execFile)('promtool', ['test', 'rules', file]).then(() => true, () => false);
      }));
      expect(accepted).toEqual([...GOOD.map(() => true), ...BAD.map(() => false)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
