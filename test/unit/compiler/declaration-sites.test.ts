import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModules } from '../../../src/compiler/load.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../../support/project-fixture.ts';

let fixture: ProjectFixture | undefined;
afterEach(() => fixture?.remove());

const SOURCE = `import { alert, panel, query, ruleGroup } from 'alertforge';
import { depth } from './metrics.ts';

export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Deep', expr: depth.select().gt(100), for: '5m', severity: 'warning', summary: 'x' }),
] });

export const p = panel.timeseries({ title: 'Depth', queries: [query(depth.select())] });
`;

describe('declaration sites of loaded sources', () => {
  it("name the user's file and line, whether the SDK asks directly or through its own helpers", async () => {
    fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/sites.rules.ts': SOURCE });
    const file = join(fixture.root, 'rules/sites.rules.ts');
    const { exports } = (await loadModules([file], fixture.root))[0]!;
    // A module's exports come in name order: the group g, then the panel p.
    const [group, panel] = exports as [{ source: unknown; rules: { source: unknown }[] }, { source: unknown }];
    expect(group.source).toEqual({ file, line: 4 });
    expect(group.rules[0]!.source).toEqual({ file, line: 5 });
    // panel.timeseries reaches the call site through the SDK's own spec() helper.
    expect(panel.source).toEqual({ file, line: 8 });
  });

  it('name them too when node_modules, where the bundle runs, is a symlink', async () => {
    fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/sites.rules.ts': SOURCE });
    const elsewhere = mkdtempSync(join(tmpdir(), 'alertforge-node-modules-'));
    try {
      mkdirSync(join(elsewhere, 'node_modules'));
      symlinkSync(join(elsewhere, 'node_modules'), join(fixture.root, 'node_modules'));
      const file = join(fixture.root, 'rules/sites.rules.ts');
      const [group] = (await loadModules([file], fixture.root))[0]!.exports as [{ source: unknown }];
      expect(group.source).toEqual({ file, line: 4 });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
