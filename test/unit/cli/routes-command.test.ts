import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ProjectFixture } from '../../support/project-fixture.ts';
import { alertmanagerFixture } from '../../support/alertmanager-fixture.ts';
import { runCli } from '../../support/run-cli.ts';
import { itWithTools } from '../../support/tools.ts';

const itAmtool = itWithTools(['amtool']);

// Values amtool's label syntax could misread: a quote, a backslash, a leading tilde.
const NOTIFY = `import { notifyConfig, receiver, route, webhook } from 'alertforge';
const hook = (name: string) => receiver({ name, channels: [webhook({ url: \`http://127.0.0.1:9/\${name}\` })] });
export const notify = notifyConfig({ route: route({ receiver: hook('default'), routes: [
  route({ match: { team: 'a"b' }, receiver: hook('quote') }),
  route({ match: { team: 'a\\\\b' }, receiver: hook('backslash') }),
  route({ match: { team: 'a\\\\xb' }, receiver: hook('kept-backslash') }),
  route({ match: { team: '~ops' }, receiver: hook('tilde') }),
  route({ match: { team: 'ops' }, receiver: hook('ops') }),
] }) });
`;

describe('alertforge routes test reads labels as amtool does', () => {
  let fixture: ProjectFixture;
  let configFile: string;
  beforeAll(async () => {
    ({ fixture, configFile } = await alertmanagerFixture(NOTIFY));
  });
  afterAll(() => fixture.remove());

  const routes = (args: readonly string[]) => runCli(['routes', 'test', '--root', fixture.root, ...args], REPO_ROOT);

  const table: readonly (readonly [string, string])[] = [
    ['team="a\\"b"', 'quote'],
    ['team="a\\\\b"', 'backslash'],
    ['team=a\\\\b', 'backslash'],
    ['team=a\\xb', 'kept-backslash'],
    ['team="ops"', 'ops'],
    [' team = ops ', 'ops'],
    ['team="~ops"', 'tilde'],
  ];
  for (const [label, receiver] of table) {
    itAmtool(`routes ${label} to ${receiver}, as amtool does`, async () => {
      const ours = await routes([label]);
      expect(ours.code, ours.stderr).toBe(0);
      const amtool = execFileSync('amtool', ['config', 'routes', 'test', `--config.file=${configFile}`, label], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      expect({ alertforge: ours.stdout.split('\n')[0], amtool }).toEqual({ alertforge: receiver, amtool: receiver });
    });
  }

  // team=~ops is the matcher =~, not the value ~ops: amtool refuses it.
  for (const [label, message] of [
    ['team=~ops', 'labels must be specified as key=value pairs'],
    ['team!=ops', 'labels must be specified as key=value pairs'],
    ['team="ops', 'unescaped double quote'],
    ['team=o"ps', 'unescaped double quote'],
    ['te-am=ops', 'is not label=value'],
  ] as const) {
    itAmtool(`refuses ${label}, as amtool does`, async () => {
      const ours = await routes([label]);
      expect({ code: ours.code, message: ours.stderr.includes(message) }).toEqual({ code: 2, message: true });
      expect(() => execFileSync('amtool', ['config', 'routes', 'test', `--config.file=${configFile}`, label], { stdio: 'ignore' })).toThrow();
    });
  }

  it('refuses labels or --alert with --tree, which prints the whole tree', async () => {
    for (const args of [['--tree', 'team=ops'], ['--tree', '--alert', 'X']]) {
      const { code, stderr } = await routes(args);
      expect({ code, stderr }).toEqual({ code: 2, stderr: expect.stringContaining('--tree prints the whole routing tree: it takes no labels or --alert') });
    }
  });
});
