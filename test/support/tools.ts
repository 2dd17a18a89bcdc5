/**
 * External tools the tests drive (promtool, prometheus, amtool, alertmanager). A missing tool fails
 * the test in CI and skips it locally, with the same message saying how to install it.
 */
import { execFileSync } from 'node:child_process';
import { it } from 'vitest';

const PACKAGES: Record<string, string> = {
  promtool: 'prometheus',
  prometheus: 'prometheus',
  amtool: 'prometheus-alertmanager',
  alertmanager: 'prometheus-alertmanager',
};

/** Debian installs Alertmanager as prometheus-alertmanager; upstream's archive calls it alertmanager. */
const COMMANDS: Record<string, readonly string[]> = { alertmanager: ['alertmanager', 'prometheus-alertmanager'] };

/** The tool's path, or undefined when it is not installed. */
export function findTool(name: string): string | undefined {
  const commands = COMMANDS[name] ?? [name];
  try {
    return execFileSync('sh', ['-c', commands.map((c) => `command -v ${c}`).join(' || ')], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function missingToolMessage(name: string): string {
  return `${name} is not installed: run \`apt-get install ${PACKAGES[name] ?? name}\` (Debian) to run this test`;
}

/**
 * `it` for a test that needs these tools: runs when they are present; when one is missing it fails
 * under CI=true and is skipped otherwise, naming the package to install either way.
 */
export function itWithTools(tools: readonly string[]) {
  const missing = tools.filter((t) => !findTool(t));
  if (missing.length === 0) return it;
  const message = missing.map(missingToolMessage).join('; ');
  if (process.env.CI === 'true') {
    return ((name: string) => it(name, () => { throw new Error(message); })) as unknown as typeof it;
  }
  return ((name: string, ...rest: unknown[]) => it.skip(`${name} (skipped: ${message})`, ...(rest as []))) as unknown as typeof it;
}
