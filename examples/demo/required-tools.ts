import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The path of an executable on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Debian packages of the programs the demo runs. */
export const TOOL_PACKAGES = { prometheus: 'prometheus', 'prometheus-node-exporter': 'prometheus-node-exporter' } as const;

export function installHint(tool: keyof typeof TOOL_PACKAGES): string {
  return `apt-get install ${TOOL_PACKAGES[tool]}`;
}
