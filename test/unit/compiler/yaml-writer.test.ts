import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml, yamlScalar } from '../../../src/compiler/emit/yaml-writer.ts';
import { itWithTools } from '../../support/tools.ts';

/** Text YAML does not read as itself unescaped: controls (C0, DEL, C1), Unicode's line and paragraph separators, a byte order mark. */
const ODD_CHARACTERS = ['nul\u0000', 'del\u007f', 'c1\u0080\u0085\u009f', 'line\u2028separator', 'para\u2029', '\ufeffbom', 'ok é ✓'];

describe('the YAML writer', () => {
  it('keeps PromQL and durations plain, and quotes what a YAML 1.1 reader would misread', () => {
    expect(yamlScalar('sum by (connector) (rate(x{status!="ok"}[5m])) > 0.05')).toBe('sum by (connector) (rate(x{status!="ok"}[5m])) > 0.05');
    expect(yamlScalar('5m')).toBe('5m');
    for (const tricky of ['yes', 'No', 'on', 'null', '~', '1.5', '10', '1:20', '1_000', '0x1F', '1e3', '.inf', '', ' lead', 'trail ', '{{ $labels.x }} down', 'a: b', 'a #b', '- x', '*star', '!tag', "'q", 'line\nbreak', 'tab\there']) {
      expect(yamlScalar(tricky), tricky).toMatch(/^"/);
    }
  });

  it('round-trips every kind of value through a YAML parser', () => {
    const doc = {
      groups: [
        {
          name: 'g',
          interval: '30s',
          limit: 10,
          rules: [
            { alert: 'A', expr: 'up == 0', for: '5m', labels: { severity: 'critical', team: 'yes' }, annotations: { summary: '{{ $labels.instance }} is down: "really"' } },
            { record: 'a:b:c', expr: 'sum(x)\nor vector(0)' },
          ],
          flags: [true, false, null, 1.25, -3],
          empty: [],
          none: {},
          nested: [[1, 2], ['a']],
        },
      ],
    };
    expect(parse(toYaml(doc))).toEqual(doc);
  });

  it('escapes what YAML reads otherwise, and it reads back the same', () => {
    for (const text of ODD_CHARACTERS.slice(0, -1)) expect(yamlScalar(text), JSON.stringify(text)).toMatch(/^"[ -~]*"$/);
    const doc = { values: ODD_CHARACTERS };
    expect(parse(toYaml(doc))).toEqual(doc);
  });

  itWithTools(['promtool'])("writes what Go's YAML reader takes: promtool reads a rule file with each of these in an annotation", () => {
    const dir = mkdtempSync(join(tmpdir(), 'alertforge-yaml-'));
    try {
      const rules = ODD_CHARACTERS.map((text, i) => ({ alert: `Odd${i}`, expr: 'up == 0', annotations: { summary: text } }));
      writeFileSync(join(dir, 'odd.yml'), toYaml({ groups: [{ name: 'odd', rules }] }));
      expect(execFileSync('promtool', ['check', 'rules', join(dir, 'odd.yml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toContain(`SUCCESS: ${ODD_CHARACTERS.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a map whose members are all undefined as {}, in a list too (an empty child route crashed the build)', () => {
    expect(toYaml({ routes: [{ receiver: undefined }, { receiver: 'a' }], extra: { x: undefined } })).toBe('routes:\n  - {}\n  - receiver: a\nextra: {}\n');
  });

  it('prints lists of maps the way Prometheus rule files are usually written', () => {
    expect(toYaml({ groups: [{ name: 'g', rules: [{ alert: 'A', labels: { severity: 'warning' } }] }] })).toBe(
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        labels:\n          severity: warning\n',
    );
  });
});
