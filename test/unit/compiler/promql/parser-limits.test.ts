/**
 * The build's verdict on PromQL against promtool's (Prometheus 2.x's parser): what the lax lezer
 * grammar accepts and Prometheus refuses is refused, and what Prometheus accepts is not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyzePromql } from '../../../../src/compiler/promql/analyze.ts';
import { PROMQL_CORPUS } from '../../../support/promql-corpus.ts';
import { seededRandom } from '../../../support/seeded-random.ts';
import { itWithTools } from '../../../support/tools.ts';

/** Problems the analyzer finds beyond Prometheus's parser, from what the catalog says of labels. */
const CATALOG_PROBLEM = /groups by|does not carry|needs the le label|unknown metric|has no label/;

/** The analyzer's first problem Prometheus's parser would share, with labels unknown (as for an external metric). */
function problem(expr: string): string | undefined {
  return analyzePromql(expr, () => ({ labels: null, kind: undefined })).problems.map((p) => p.message).find((m) => !CATALOG_PROBLEM.test(m));
}

/** Each expression, and the build's problem with it (undefined: none). */
const CASES: readonly (readonly [expr: string, problem: string | undefined])[] = [
  // Valid in Prometheus 2.x, postfixes after a binary or unary operator included.
  ['up - up offset 1w', undefined],
  ['-up offset 5m', undefined],
  ['up / up @ 100', undefined],
  ['rate(up[5m] offset 1w) - rate(up[5m] @ end())', undefined],
  ['up offset -5m', undefined],
  ['up[5m:] offset 1h', undefined],
  ['holt_winters(up[5m], 0.5, 0.5)', undefined],
  ['histogram_fraction(0, 0.5, up) + histogram_count(up) + histogram_sum(up)', undefined],
  ['sum by (job) (rate(up[5m]))', undefined],
  ['{__name__="up"}', undefined],
  ['up[1h5m]', undefined],
  // Refused by Prometheus 2.x's parser.
  ['up >= up[5m]', 'operator >= needs scalars or instant vectors on both sides'],
  ['pi() + (up)[5m:]', 'operator + needs scalars or instant vectors on both sides'],
  ['"s"[5m]', 'ranges only allowed for vector selectors'],
  ['(up)[5m]', 'ranges only allowed for vector selectors'],
  ['1 offset 5m', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
  ['rate(up[5m]) @ 100', '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
  ['up offset 5m offset 1m', 'offset may not be set multiple times'],
  ['up @ 1 @ 2', '@ <timestamp> may not be set multiple times'],
  ['up[5]', 'missing unit character in duration'],
  ['up[5m1h]', 'syntax error: unexpected "1h"'],
  ['up[0s]', 'duration must be greater than 0'],
  ['up[5m:0s]', 'duration must be greater than 0'],
  ['up offset 0s', 'duration must be greater than 0'],
  ['up[5m * 2]', 'a duration must be one literal such as 5m in Prometheus 2.x'],
  ['up{__name__=~"u.*"}', 'metric name must not be set twice: "up" or "u.*"'],
  ['{job=""}', 'vector selector must contain at least one non-empty matcher'],
  ['{"job"="a"}', 'quoted name "job": Prometheus 2.x takes label and metric names unquoted'],
  ['limitk(2, up)', 'unknown function "limitk"'],
  ['mad_over_time(up[5m])', 'unknown function "mad_over_time"'],
  ['-up[5m]', 'unary expression only allowed on expressions of type scalar or instant vector, got a range vector'],
  ['1 + on(job) up', 'vector matching (on, ignoring, group_left, group_right) only allowed between instant vectors'],
  ['up + bool up', 'bool modifier can only be used on comparison operators'],
  ['up and on(job) group_left up', 'no grouping allowed for "and" operation'],
  ['topk("x", up)', 'the parameter of topk must be a scalar, not a string'],
  ['count_values(1, up)', 'the parameter of count_values must be a string, not a scalar'],
  // A backslash in a string starts an escape: "\\d" is meant in a regex, or backticks.
  ['up{job=~"\\\\d+"} + up{job=~`\\d+`} + up{job="\\x41\\u00e9\\"\\377"}', undefined],
  ['up{job=~"\\d+"}', "unknown escape sequence U+0064 'd'"],
  ['up{job="\\x4"}', 'illegal character U+0022 \'"\' in escape sequence'],
  ['up{job="\\400"}', 'escape sequence is an invalid Unicode code point'],
  ['up @ NaN', 'timestamp out of bounds for @ modifier: NaN'],
  ['1_000', 'bad number or duration syntax: "1"'],
  ['up{job=~"(?<j>a)"}', 'regex job=~"(?<j>a)" does not compile: error parsing regexp: invalid or unsupported Perl syntax: `(?<` (Go took (?<name>...) only from 1.22, after Prometheus 2.42 and Alertmanager 0.25: write (?P<name>...))'],
];

it('refuses what Prometheus 2.x refuses, and not what it accepts', () => {
  expect(CASES.map(([expr]) => [expr, problem(expr)])).toEqual(CASES.map(([expr, expected]) => [expr, expected]));
});

/** Whether promtool check rules refuses each expression, as a recording rule. */
function promtoolRefuses(exprs: readonly string[]): boolean[] {
  const dir = mkdtempSync(join(tmpdir(), 'alertforge-promql-'));
  try {
    writeFileSync(join(dir, 'cases.yml'), stringify({ groups: [{ name: 'cases', rules: exprs.map((expr, i) => ({ record: `case${i}`, expr })) }] }));
    let output = '';
    try {
      output = execFileSync('promtool', ['check', 'rules', join(dir, 'cases.yml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    } catch (error) {
      output = String((error as { stdout: string }).stdout) + String((error as { stderr: string }).stderr);
    }
    const refused = new Set([...output.matchAll(/rule (\d+), "case\d+"/g)].map((m) => Number(m[1]) - 1));
    return exprs.map((_, i) => refused.has(i));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

itWithTools(['promtool'])('agrees with promtool on each of these expressions', () => {
  const refused = promtoolRefuses(CASES.map(([expr]) => expr));
  expect(CASES.map(([expr], i) => [expr, refused[i]])).toEqual(CASES.map(([expr, expected]) => [expr, expected !== undefined]));
});

/** The expressions the build and promtool judge differently, each with both verdicts. */
function disagreementsWithPromtool(exprs: readonly string[]): string[] {
  const refused = promtoolRefuses(exprs);
  return exprs.flatMap((expr, i) => ((problem(expr) !== undefined) === refused[i] ? [] : [`${expr}: promtool ${refused[i] ? 'refuses' : 'accepts'}, the build says ${problem(expr) ?? 'nothing'}`]));
}

itWithTools(['promtool'])('agrees with promtool on each expression of a corpus of every kind of mistake', () => {
  expect(PROMQL_CORPUS.filter((expr) => problem(expr) !== undefined).length).toBeGreaterThan(10);
  expect(disagreementsWithPromtool(PROMQL_CORPUS)).toEqual([]);
});

/** A random expression: selectors, literals, functions, aggregations, operators and postfixes, valid or not. */
function randomExpression(random: () => number, depth: number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const r = random();
  if (depth <= 0 || r < 0.2) {
    const base = pick([
      pick(['up', 'http_requests_total', 'latency_bucket']) + pick(['', '{job="a"}', '{job=~"a.*"}', '{le="+Inf"}', '{__name__="up"}', '{job=~"a(?=b)"}', '{}']),
      pick(['{job="a"}', '1', '0.5', '"s"']),
    ]);
    const postfix = random();
    if (postfix < 0.3) return `${base}[${pick(['5m', '1h30m', '0s', '1d', '5', '100ms'])}]`;
    if (postfix < 0.35) return `${base} offset ${pick(['5m', '1h', '0s', '-5m'])}`;
    if (postfix < 0.4) return `${base} @ ${pick(['100', 'start()', 'end()'])}`;
    return base;
  }
  const inner = () => randomExpression(random, depth - 1);
  if (r < 0.45) {
    const fn = pick(['rate', 'increase', 'deriv', 'sum_over_time', 'last_over_time', 'quantile_over_time', 'mad_over_time', 'abs', 'absent', 'histogram_quantile', 'histogram_count', 'histogram_stddev', 'label_replace', 'round', 'clamp', 'vector', 'scalar', 'time', 'timestamp', 'sort_by_label', 'predict_linear', 'holt_winters', 'double_exponential_smoothing', 'day_of_week', 'pi']);
    return `${fn}(${Array.from({ length: Math.floor(random() * 4) }, inner).join(', ')})`;
  }
  if (r < 0.6) {
    const op = pick(['sum', 'avg', 'max', 'count', 'group', 'topk', 'quantile', 'count_values', 'limitk']);
    const parameter = ['topk', 'quantile', 'count_values', 'limitk'].includes(op) && random() < 0.8 ? `${pick(['3', '0.5', '"x"'])}, ` : '';
    const grouping = random() < 0.5 ? ` ${pick(['by', 'without'])} (${pick(['job', 'job, le', ''])}) ` : '';
    return random() < 0.5 ? `${op}${grouping}(${parameter}${inner()})` : `${op}(${parameter}${inner()})${grouping}`;
  }
  if (r < 0.85) {
    const modifier = random() < 0.3 ? ` ${pick(['bool', 'on(job)', 'ignoring(job)', 'on(job) group_left', 'ignoring(job) group_right'])} ` : ' ';
    return `${inner()} ${pick(['+', '-', '*', '/', '^', '==', '>', '<=', 'and', 'or', 'unless', 'atan2'])}${modifier}${inner()}`;
  }
  if (r < 0.9) return `-${inner()}`;
  if (r < 0.95) return `(${inner()})[${pick(['5m', '1h'])}:${pick(['1m', '', '0s'])}]`;
  return `(${inner()})`;
}

itWithTools(['promtool'])('agrees with promtool on whether each of 2,000 random expressions parses', () => {
  const random = seededRandom(1);
  const exprs = Array.from({ length: 2000 }, () => randomExpression(random, 3));
  // Both ways: a fair share of them parse.
  const refusedByBuild = exprs.filter((expr) => problem(expr) !== undefined).length;
  expect(refusedByBuild).toBeGreaterThan(300);
  expect(exprs.length - refusedByBuild).toBeGreaterThan(300);
  expect(disagreementsWithPromtool(exprs)).toEqual([]);
});
