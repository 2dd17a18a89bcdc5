import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, FIXTURE_METRICS, removeProjects } from '../../support/project-fixture.ts';
import { runCli } from '../../support/run-cli.ts';

afterEach(removeProjects);

const project = () => createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'dashboards/README.md': 'dashboards go here\n' }).root;

describe('the project a command works on', () => {
  it('is found from a subfolder, as npm and tsc find theirs, and nothing is written into the subfolder', async () => {
    const root = project();
    for (const dir of ['rules', 'dashboards']) {
      expect(await runCli(['check'], join(root, dir))).toMatchObject({ code: 0, stderr: '', stdout: 'ok: 3 metrics, 0 rule groups.\n' });
      expect(existsSync(join(root, dir, 'node_modules'))).toBe(false);
    }
    expect(await runCli(['build'], join(root, 'rules'))).toMatchObject({ code: 0 });
    expect(existsSync(join(root, 'generated'))).toBe(true);
    expect(existsSync(join(root, 'rules', 'generated'))).toBe(false);
  });

  it('outside any project, is refused as misuse, saying where to run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alertforge-no-project-'));
    try {
      const run = await runCli(['build'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`alertforge build: no alertforge project in ${dir} or a folder above it: run from the project root (the folder with package.json and rules/), or pass --root DIR`);
      expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given as --root, must be the project root rather than one of its folders', async () => {
    const root = project();
    const run = await runCli(['check', '--root', 'rules'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`alertforge check: --root rules: ${join(root, 'rules')} has no rules/ or dashboards/ folder; pass the project root (the folder with package.json and rules/)`);
    expect(await runCli(['check', '--root', '..'], join(root, 'rules'))).toMatchObject({ code: 0 });
  });
});
