/**
 * The notifier runs as a bundle made as it starts (src/cli/notifier-bundle.js), written once per
 * content to the temporary directory (tsx, which runs every other command, keeps its cache there
 * too). The end-to-end tests of the notifier all run it this way.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/alertforge.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alertforge-bundle-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const help = (temporary: string) => promisify(execFile)(process.execPath, [CLI, 'notifier', '--help'], { env: { ...process.env, TMPDIR: temporary } });

it('writes its bundle once to the temporary directory and runs from it', async () => {
  const temporary = await mkdtemp(join(dir, 'writable-'));
  const first = await help(temporary);
  expect(first.stdout).toMatch(/^Usage: alertforge notifier/);
  expect(first.stderr).toBe('');
  const bundles = await readdir(temporary);
  expect(bundles).toEqual([expect.stringMatching(/^alertforge-notifier-bundle-[0-9a-f]{16}\.mjs$/)]);
  await help(temporary);
  expect(await readdir(temporary)).toEqual(bundles);
});

it("loads only the runtime's packages: none of the compiler's, and nodemailer not until an email is sent", async () => {
  const temporary = await mkdtemp(join(dir, 'imports-'));
  await help(temporary);
  const [bundle] = await readdir(temporary);
  const code = await readFile(join(temporary, bundle!), 'utf8');
  const packages = [...code.matchAll(/^import .* from "file:\/\/\/.*?\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]);
  expect([...new Set(packages)].sort()).toEqual(['better-sqlite3', 'prom-client', 're2js', 'undici', 'yaml', 'zod']);
});
