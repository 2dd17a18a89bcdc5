/**
 * The build's parse of alert templates against promtool's: each template here is refused by one
 * exactly when promtool refuses it, with promtool's words.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readGoTemplate } from '../../../src/compiler/validate/go-template-syntax.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { itWithTools } from '../../support/tools.ts';

/** Each template, and what the build says of it (undefined: nothing). */
const CASES: readonly (readonly [template: string, problem: string | undefined])[] = [
  ['{{ $labels.instance }} is down', undefined],
  ['{{ $value | humanize }} {{ humanizePercentage $value }} {{ .Labels.job }} {{ $externalLabels.cluster }} {{ $externalURL }} {{ $ }}', undefined],
  ['{{ $lables.instance }}', 'undefined variable "$lables"'],
  ['{{ $value | humanise }}', 'function "humanise" not defined'],
  ['{{ a.b }}', 'function "a" not defined'],
  ['{{ if gt $value 1.0 }}high{{ else if lt $value 0.5 }}low{{ else }}normal{{ end }}', undefined],
  ['{{ if true }}x', 'unexpected EOF'],
  ['{{ end }}', 'unexpected {{end}}'],
  ['{{ else }}', 'unexpected {{else}}'],
  ['{{ if true }}{{ else }}{{ else }}{{ end }}', 'expected end; found {{else}}'],
  ['{{ if }}{{ end }}', 'missing value for if'],
  ['{{ }}', 'missing value for command'],
  ['{{ range $i, $e := query "up" }}{{ $e.Labels.instance }}{{ end }}', undefined],
  ['{{ range $i, $e := query "up" }}{{ $e }}{{ end }}{{ $e }}', 'undefined variable "$e"'],
  ['{{ with $x := 1 }}{{ end }}{{ $x }}', 'undefined variable "$x"'],
  ['{{ if $x := 1 }}{{ $x }}{{ else }}{{ $x }}{{ end }}', undefined],
  ['{{ $x := 3 }}{{ if true }}{{ $x = 4 }}{{ end }}{{ $x }}', undefined],
  ['{{ range query "up" }}{{ break }}{{ end }}', undefined],
  ['{{ break }}', '{{break}} outside {{range}}'],
  ['{{ "unterminated }}', 'unterminated quoted string'],
  ['{{ `raw }}` }} {{ \'a\' }} {{ "a\\"b" }}', undefined],
  ['{{ /* comment */ }}', 'unexpected "/" in command'],
  ['{{/* comment */}} {{- /* trimmed */ -}} {{- $value -}}', undefined],
  ['{{ ( }}', 'unclosed left paren'],
  ['{{ $value) }}', 'unexpected ")" in command'],
  ['{{ (humanize $value) }} {{ 1.5e3 }} {{ 0x1F }} {{ -2 }} {{ nil }}', undefined],
  ['{{ $labels.instance }}{{ end', 'unclosed action'],
  ['{{{ $value }}}', 'unexpected "{" in command'],
  ['a }} b', undefined],
  ['{{ template }}', 'unexpected "}}" in template clause'],
  ['{{ define "x" }}{{ $ }}{{ end }}{{ template "x" . }}', undefined],
  ['{{ define "x" }}{{ $labels }}{{ end }}', 'undefined variable "$labels"'],
  ['{{ range query "up" }}{{ define "x" }}{{ end }}{{ end }}', 'unexpected <define> in command'],
  ['{{ with 1 }}{{ else with 2 }}{{ end }}', 'unexpected <with> in else'],
  ['{{ print if }}', 'unexpected <if> in operand'],
  ['{{ if\n true }}{{ index $labels "a-b" }}{{ end }}{{ .5 }} {{ 1_000 }} {{ 1e-3 }} {{-3}} {{ "{{" }}', undefined],
  ['{{ -}}', 'missing value for command'],
  ['{{ query "up".Labels.job }}', 'unexpected . after term "\\"up\\""'],
  ['{{ true.x }}', 'unexpected . after term "true"'],
  ['{{ 1withtrue }}', 'bad number syntax: "1w"'],
  ['{{ $i, $e := query "up" }}', 'too many declarations in command'],
  ['{{ () }}', 'missing value for parenthesized pipeline'],
  ['{{ $value | | humanize }}', 'unexpected "|" in command'],
  ['{{ $value | humanize | }}', undefined],
  ['{{ .Labels.job | nil }}', 'non executable command in pipeline stage 2'],
  ['{{ template "t" text }}', 'function "text" not defined'],
  ['{{ humanize(1) }}', 'unexpected "(" in operand'],
  ['{{ (humanize 1)x }}', 'unexpected "x" in operand'],
  ["{{ 'c'1 }}", 'unexpected "1" in operand'],
  ['{{$x:=1}}{{$x|printf "%d"}}', undefined],
  // Go's lexer takes Unicode letters in names, and ".1" as a number.
  ['{{ $labels.é }} {{ $é := 1 }}{{ $é }}', undefined],
  ['{{ é }}', 'function "é" not defined'],
  ['{{ $labels.1a }}', 'bad number syntax: ".1a"'],
  ['{{ $labels.1 }}', 'unexpected ".1" in operand'],
  // Strings and characters as Go unquotes them.
  ['{{ "\\a\\x41\\u00e9\\U0001F600\\377\\"" }} {{ \'\\\'\' }} {{ \'𝒜\' }}', undefined],
  ['{{ "\\q" }}', 'invalid syntax'],
  ['{{ "\\400" }}', 'invalid syntax'],
  ['{{ "\\ud800" }}', 'invalid syntax'],
  ['{{ "\\\'" }}', 'invalid syntax'],
  ["{{ '' }}", 'invalid syntax'],
  ["{{ 'ab' }}", "malformed character constant: 'ab'"],
  // Numbers as Go's strconv reads them, and a sign always starting one.
  ['{{ 1_000.000_1 }} {{ 0x_1F }} {{ 0x1.8p1 }} {{ 017 }} {{ 18446744073709551615 }} {{ -.5e-3 }} {{ 1e-999 }} {{ 09i }}', undefined],
  ['{{ 1__0 }}', 'illegal number syntax: "1__0"'],
  ['{{ 1e999 }}', 'illegal number syntax: "1e999"'],
  ['{{ 0x1.8 }}', 'illegal number syntax: "0x1.8"'],
  ['{{ 09 }}', 'integer overflow: "09"'],
  ['{{ 18446744073709551616 }}', 'integer overflow: "18446744073709551616"'],
  ['{{ - }}', 'illegal number syntax: "-"'],
  // Dot is a term: fields chain after a parenthesized pipeline, not after dot itself.
  ['{{ (.).Labels.job }} {{ (query "up").Labels }}', undefined],
  ['{{ ..Labels.job }}', 'unexpected . after term "."'],
  // Nothing after these keywords but else's if; else if after an if only (Go before 1.23); break in a range's body only.
  ['{{ if 1 }}{{ end x }}', 'unexpected "x" in end'],
  ['{{ if 1 }}{{ end.x }}', 'unexpected ".x" in end'],
  ['{{ if 1 }}{{ else $value }}{{ end }}', 'unexpected "$value" in else'],
  ['{{ range query "up" }}{{ break 1 }}{{ end }}', 'unexpected "1" in {{break}}'],
  ['{{ define "a" . }}{{ end }}', 'unexpected <.> in define clause'],
  ['{{ with 1 }}{{ else if 2 }}{{ end }}', 'unexpected <if> in input'],
  ['{{ range query "up" }}{{ else }}{{ break }}{{ end }}', '{{break}} outside {{range}}'],
  ['{{ range query "up" }}{{ block "b" . }}{{ continue }}{{ end }}{{ end }}', '{{continue}} outside {{range}}'],
  // A name ends at a space or . , | : ( ) }: "$x=2" is a bad character, not an assignment.
  ['{{ $x := 1 }}{{ $x=2 }}', "bad character U+003D '='"],
  ['{{ block"b" . }}{{ end }}', 'bad character U+0022 \'"\''],
  // Assignments and parenthesized pipelines declare, before the commands are read; complex numbers.
  ['{{ ($x := 1) }}{{ $x }} {{ $y = 2 }}{{ $y }} {{ $z := $z }} {{ range $i, $e = query "up" }}{{ end }} {{ 1+2i }} {{ 1.5e3-2.5i }}', undefined],
  ['{{ 1+2 }}', 'bad number syntax: "1+2"'],
  ['{{/* a */\t-}} {{/* b */\n-}}', undefined],
  // One body per template name.
  ['{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}', 'template: multiple definition of template "a"'],
  // A template's or block's name is a token of its own: a field right after it starts the pipeline.
  ['{{ define "t" }}{{ end }}{{ template "t".x }}', undefined],
  ['{{ block "b".x.y | printf "%s" }}{{ end }}', undefined],
  ['{{ template "t"."s" }}', 'bad character U+0022 \'"\''],
  ['{{ block "b" . }}x{{ end }}{{ define "b" }}y{{ end }}', 'template: multiple definition of template "b"'],
  ['{{ define "a" }} {{/* empty */}} {{ end }}{{ define "a" }}y{{ end }}{{ define `a` }}{{ end }}', undefined],
  ["{{ define 'a' }}{{ end }}", 'unexpected "\'a\'" in define clause'],
];

it('refuses what Go would not parse in an alert template, in Go words', () => {
  expect(CASES.map(([template]) => readGoTemplate(template).problem?.message)).toEqual(CASES.map(([, problem]) => problem));
});

it('suggests the function or variable meant', () => {
  expect(readGoTemplate('{{ $value | humanise }}').problem?.hint).toBe('did you mean humanize?');
  expect(readGoTemplate('{{ $lables.instance }}').problem?.hint).toBe('did you mean $labels? Prometheus declares $labels, $externalLabels, $externalURL, $value');
  expect(readGoTemplate('{{ if true }}x').problem?.hint).toBe('a {{if}} is never closed with {{end}}');
});

it("lists the alert's labels a template reads, not those of a query's result in a range or with", () => {
  const read = (template: string) => readGoTemplate(template).labels;
  expect(read('{{ $labels.instance }} {{ .Labels.job }} {{ $.Labels.env }} {{ index $labels "pod" }} {{ index .Labels "node" }}')).toEqual(['instance', 'job', 'env', 'pod', 'node']);
  // Go reads a name of any letters; Prometheus has no such label, and the build says the expression does not keep it.
  expect(read('{{ $labels.région }}')).toEqual(['région']);
  expect(read('{{ (query "up").Labels.job }} {{ (.).Labels.env }}')).toEqual([]);
  expect(read('{{ range query "up" }}{{ .Labels.instance }} {{ $labels.job }}{{ end }}')).toEqual(['job']);
  expect(read('{{ with query "up" }}{{ .Labels.a }}{{ else }}{{ .Labels.b }}{{ end }}{{ if $value }}{{ .Labels.c }}{{ end }}')).toEqual(['b', 'c']);
  expect(read('{{ with .Labels.a }}{{ . }}{{ end }}{{ range $i, $s := query "up" }}{{ $.Labels.b }}{{ end }}')).toEqual(['a', 'b']);
  expect(read('{{ define "t" }}{{ .Labels.a }}{{ end }}{{ template "t" $ }}')).toEqual([]);
  // Nothing is listed for a template that does not parse: its syntax is the error to show.
  expect(read('{{ $labels.instance }')).toEqual([]);
});

it('lists the external labels a template reads, apart from the alert\'s own', () => {
  const read = (template: string) => readGoTemplate(template);
  expect(read('{{ $externalLabels.cluster }} {{ .ExternalLabels.region }} {{ $.ExternalLabels.env }} {{ index $externalLabels "dc" }} {{ $labels.job }}')).toMatchObject({
    labels: ['job'],
    externalLabels: ['cluster', 'region', 'env', 'dc'],
  });
  expect(read('{{ range query "up" }}{{ .ExternalLabels.a }} {{ $externalLabels.b }}{{ end }}').externalLabels).toEqual(['b']);
});

it("tells whether a template prints the alert's value, not a query result's", () => {
  const reads = (template: string) => readGoTemplate(template).readsValue;
  expect(['{{ $value }}', '{{ $value | humanize }}', '{{ humanize .Value }}', '{{ range query "up" }}{{ $.Value }}{{ end }}'].map(reads)).toEqual([true, true, true, true]);
  expect(['{{ $labels.connector }}', '{{ range query "up" }}{{ .Value }}{{ end }}', 'value'].map(reads)).toEqual([false, false, false]);
});

/** What promtool check rules says of each template, by index: its problem, or undefined. */
function promtoolProblems(templates: readonly string[]): (string | undefined)[] {
  const dir = mkdtempSync(join(tmpdir(), 'alertforge-templates-'));
  try {
    const rules = templates.map((template, i) => ({ alert: `Case${i}`, expr: 'up == 0', annotations: { summary: template } }));
    writeFileSync(join(dir, 'cases.yml'), stringify({ groups: [{ name: 'cases', rules }] }));
    let output = '';
    try {
      output = execFileSync('promtool', ['check', 'rules', join(dir, 'cases.yml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      output = String((error as { stdout: string }).stdout) + String((error as { stderr: string }).stderr);
    }
    const refused = new Map([...output.matchAll(/"Case(\d+)": annotation "summary": template: __alert_Case\d+:\d+: (.*)/g)].map((m) => [Number(m[1]), m[2]]));
    return templates.map((_, i) => refused.get(i));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

itWithTools(['promtool'])('agrees with promtool check rules on every template, message included', () => {
  const refused = promtoolProblems(CASES.map(([template]) => template));
  expect(refused.filter(Boolean).length).toBeGreaterThan(10);
  expect(CASES.map(([template]) => [template, readGoTemplate(template).problem?.message])).toEqual(CASES.map(([template], i) => [template, refused[i]]));
});

/** Pieces of templates, valid and not, put together at random. */
const PIECES = ['{{', '}}', ' ', '{{- ', ' -}}', '\n', '$labels.instance', '$value', '$x', '$x :=', '$i, $e :=', '=', ',', '|', '(', ')', 'if', 'else', 'end', 'range', 'with', 'define "t"', 'template "t"', 'block "b" .', 'break', 'humanize', 'humanise', 'printf "%d"', 'query "up"', '"s"', '`r`', "'c'", '.Labels.job', '.', '1', '-', 'nil', 'true', '/*', '*/', 'text', '{{ end }}', '{{ if $value }}', '{{ else }}', '{{ $x := 1 }}', "'ab'", '"\\q"', '.1', 'é', '1__0', '1e999', '09', '-.5', '..', '(.).Labels', ').x', '0x', '1+2i', '{{ end x }}', '{{ else $x }}', '$x=', '{{ with 1 }}{{ else if 2 }}'];

itWithTools(['promtool'])('agrees with promtool on whether each of 2,000 random templates parses', () => {
  const random = seededRandom(1);
  const templates = Array.from({ length: 2000 }, () => Array.from({ length: 2 + Math.floor(random() * 10) }, () => PIECES[Math.floor(random() * PIECES.length)]! + (random() < 0.5 ? ' ' : '')).join(''));
  const refused = promtoolProblems(templates);
  // Both ways: about half of them parse.
  expect(refused.filter(Boolean).length).toBeGreaterThan(700);
  expect(refused.filter((r) => r === undefined).length).toBeGreaterThan(700);
  const disagreements = templates.filter((template, i) => (readGoTemplate(template).problem === undefined) !== (refused[i] === undefined));
  expect(disagreements.map((template) => `${template} (promtool: ${refused[templates.indexOf(template)] ?? 'parses'})`)).toEqual([]);
});
