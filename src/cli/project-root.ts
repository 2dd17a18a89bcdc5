/**
 * The project a command works on. Like npm and tsc, a command run in a subfolder (rules/,
 * dashboards/) works on the project around it, rather than taking the subfolder for a project.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DASHBOARDS_DIR, RULES_DIR } from '../sdk/conventions.ts';
import { UsageError } from './command.ts';

const WHAT_A_ROOT_IS = 'the folder with package.json and rules/';

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();
const hasSources = (dir: string): boolean => isDir(join(dir, RULES_DIR)) || isDir(join(dir, DASHBOARDS_DIR));

/**
 * `--root` as given, or else the nearest folder from `cwd` up that holds package.json and rules/
 * (or dashboards/). Throws a UsageError naming what was looked for when there is none.
 */
export function projectRoot(cwd: string, option: string | undefined): string {
  if (option !== undefined) {
    const root = resolve(cwd, option);
    if (!hasSources(root)) throw new UsageError(`--root ${option}: ${root} has no ${RULES_DIR}/ or ${DASHBOARDS_DIR}/ folder; pass the project root (${WHAT_A_ROOT_IS})`);
    return root;
  }
  const found = findProjectRoot(cwd);
  if (found === undefined) throw new UsageError(`no alertforge project in ${cwd} or a folder above it: run from the project root (${WHAT_A_ROOT_IS}), or pass --root DIR`);
  return found;
}

/** The nearest folder from `cwd` up that holds package.json and rules/ (or dashboards/), if any. */
export function findProjectRoot(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && hasSources(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
