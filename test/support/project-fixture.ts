/**
 * Throwaway alertforge projects for compiler tests: files written to a temp directory, with
 * `from 'alertforge'` pointing at this checkout's SDK so the fixture needs no install.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SDK = join(REPO_ROOT, 'src', 'sdk', 'index.ts');

export interface ProjectFixture {
  readonly root: string;
  remove(): void;
}

/** A tsconfig for fixtures: the repo's strictness, without node types. */
const FIXTURE_TSCONFIG = {
  compilerOptions: {
    target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true,
    allowImportingTsExtensions: true, verbatimModuleSyntax: true, types: [],
  },
};

/** Projects created and not yet removed. */
const created = new Set<string>();

/**
 * The least routing a project with alerts builds with (the build refuses an alert that reaches no
 * receiver): everything, a page included, escalates to one webhook receiver.
 */
export const FIXTURE_NOTIFY = `
import { escalationPolicy, notifyConfig, receiver, route, webhook } from 'alertforge';
const fixture = receiver({ name: 'fixture', channels: [webhook({ url: 'http://127.0.0.1:9/hook' })] });
export const notify = notifyConfig({ route: route({ escalation: escalationPolicy({ name: 'fixture', steps: [{ after: '0s', notify: [fixture] }] }) }) });
`;

export interface ProjectOptions {
  /**
   * Write FIXTURE_NOTIFY as rules/notify.ts, unless the files bring their own. Default true;
   * false for a test of a project without routing, or with its notifyConfig in another file.
   */
  readonly notify?: boolean;
}

/** A source file's text with `from 'alertforge'` pointing at this checkout's SDK. */
export function withLocalSdk(source: string): string {
  return source.replaceAll("from 'alertforge'", `from '${SDK}'`);
}

export function createProject(files: Readonly<Record<string, string>>, { notify = true }: ProjectOptions = {}): ProjectFixture {
  const root = mkdtempSync(join(tmpdir(), 'alertforge-fixture-'));
  created.add(root);
  const all: Record<string, string> = {
    'package.json': '{ "type": "module" }',
    'tsconfig.json': JSON.stringify(FIXTURE_TSCONFIG),
    ...(notify ? { 'rules/notify.ts': FIXTURE_NOTIFY } : {}),
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), withLocalSdk(content));
  }
  return { root, remove: () => removeProject(root) };
}

function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
  created.delete(root);
}

/** Removes every project not yet removed: an afterEach hook for tests that create more than one. */
export function removeProjects(): void {
  for (const root of created) removeProject(root);
}

/** A small valid catalog most fixtures start from. */
export const FIXTURE_METRICS = `
import { counter, gauge, histogram } from 'alertforge';
export const ops = counter({ name: 'ops_total', help: 'Operations.', labels: ['connector', 'status'] });
export const depth = gauge({ name: 'queue_depth', help: 'Queue depth.', labels: ['connector'] });
export const latency = histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['connector'], buckets: [0.1, 1, 10] });
`;
