import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { compile, succeeded } from '../../src/compiler/build.ts';
import { writeGenerated } from '../../src/compiler/drift.ts';
import { REPO_ROOT } from '../support/project-fixture.ts';
import { writeSyntheticProject } from '../support/synthetic-project.ts';
import { itWithTools } from '../support/tools.ts';

const itPromtool = itWithTools(['promtool']);

function promtoolCheck(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => join(dir, f));
  return execFileSync('promtool', ['check', 'rules', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('promtool check rules accepts what the compiler writes', () => {
  const synthetic = mkdtempSync(join(tmpdir(), 'alertforge-synthetic-'));
  afterAll(() => rmSync(synthetic, { recursive: true, force: true }));

  itPromtool('accepts the committed generated/ rule files of the example project', () => {
    const output = promtoolCheck(join(REPO_ROOT, 'generated/prometheus/rules'));
    expect(output).not.toContain('FAILED');
    expect(output.match(/SUCCESS: \d+ rules found/g)?.length).toBe(readdirSync(join(REPO_ROOT, 'generated/prometheus/rules')).length);
  });

  itPromtool('accepts a larger generated project: 1,000 alerts over 60 metrics in 20 files', async () => {
    const alerts = writeSyntheticProject(synthetic, { metrics: 60, files: 20, alertsPerFile: 50 });
    const result = await compile(synthetic, { typecheck: false });
    expect(result.diagnostics.errors).toEqual([]);
    expect(succeeded(result)).toBe(true);
    await writeGenerated(synthetic, result.files);
    const output = promtoolCheck(join(synthetic, 'generated/prometheus/rules'));
    const counted = [...output.matchAll(/SUCCESS: (\d+) rules found/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(counted).toBe(alerts);
  });
});
