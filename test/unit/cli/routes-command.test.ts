import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, FIXTURE_METRICS, REPO_ROOT, type ProjectFixture } from '../../support/project-fixture.ts';
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
});

// Nested routes, continue, and an escalation whose steps amtool would print as routes of their own.
const NESTED = `import { escalationPolicy, notifyConfig, receiver, route, webhook } from 'alertforge';
const hook = (name: string) => receiver({ name, channels: [webhook({ url: \`http://127.0.0.1:9/\${name}\` })] });
const pager = escalationPolicy({ name: 'pager', repeat: 2, steps: [{ after: '0s', notify: [hook('team')] }, { after: '15m', notify: [hook('oncall')] }] });
export const notify = notifyConfig({ route: route({ receiver: hook('default'), routes: [
  route({ name: 'db', match: { service: 'db' }, receiver: hook('db'), continue: true }),
  route({ name: 'critical', match: { severity: 'critical' }, receiver: hook('critical'), routes: [
    route({ name: 'eu', match: { region: 'eu' }, escalation: pager }),
    route({ match: { env: 'staging' }, receiver: hook('dev') }),
  ] }),
] }) });
`;

describe('alertforge routes test --tree', () => {
  let fixture: ProjectFixture;
  beforeAll(() => {
    fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/notify.ts': NESTED });
  });
  afterAll(() => fixture.remove());

  const routes = (args: readonly string[]) => runCli(['routes', 'test', '--tree', '--root', fixture.root, ...args], REPO_ROOT);

  it('with labels, prints the routes they take, each last one with its receiver or escalation steps, then the receivers', async () => {
    expect(await routes(['service=db', 'severity=critical', 'region=eu'])).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Matching routes:',
        'root',
        '  └── db {service="db"}  receiver: db',
        '  └── critical {severity="critical"}',
        '    └── eu {region="eu"}  escalation: pager (the chain runs 2 times)',
        '          at once: team',
        '          after 15m unacknowledged: oncall',
        '',
        'db,team,oncall',
        '',
      ].join('\n'),
    });
  });

  it('with labels no route takes, prints the root alone', async () => {
    expect(await routes(['service=web'])).toEqual({ code: 0, stderr: '', stdout: 'Matching routes:\nroot  receiver: default\n\ndefault\n' });
  });

  it('without labels, prints the whole tree', async () => {
    const { code, stdout } = await routes([]);
    expect({ code, stdout }).toEqual({
      code: 0,
      stdout: [
        'Routing tree:',
        'root  receiver: default',
        '  └── db {service="db"}  continue: true  receiver: db',
        '  └── critical {severity="critical"}  receiver: critical',
        '    └── eu {region="eu"}  escalation: pager',
        '    └── {env="staging"}  receiver: dev',
        '',
      ].join('\n'),
    });
  });
});
