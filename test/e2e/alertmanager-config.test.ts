import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifierConfigSchema } from '../../src/runtime/config/schema.ts';
import { REPO_ROOT, type ProjectFixture } from '../support/project-fixture.ts';
import { alertmanagerFixture } from '../support/alertmanager-fixture.ts';
import { runCli } from '../support/run-cli.ts';
import { itWithTools } from '../support/tools.ts';

const itAmtool = itWithTools(['amtool']);
const EXAMPLE_YML = join(REPO_ROOT, 'generated/alertmanager/alertmanager.yml');

function amtool(args: readonly string[]): string {
  return execFileSync('amtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The receivers line of `amtool config routes test` and of `alertforge routes test`, side by side. */
async function bothRoutes(root: string, configFile: string, labels: readonly string[]): Promise<{ amtool: string; alertforge: string }> {
  const ours = await runCli(['routes', 'test', '--root', root, ...labels], REPO_ROOT);
  expect(ours.code, ours.stderr).toBe(0);
  return { amtool: amtool(['config', 'routes', 'test', `--config.file=${configFile}`, ...labels]), alertforge: ours.stdout.split('\n')[0]! };
}

/** A route a `--tree` output shows: its depth, its matchers, and whether a match ends there. */
interface TreeMark {
  readonly depth: number;
  readonly route: string;
  final: boolean;
}

/** amtool's root is `default-route`, ours `root` or its name: both read as `root`. */
function treeMarks(lines: readonly string[], depthOf: (line: string) => number, final: RegExp): TreeMark[] {
  return lines.map((line) => {
    const depth = depthOf(line);
    return { depth, route: depth === 0 ? 'root' : /\{.*\}|default-route/.exec(line)![0], final: final.test(line) };
  });
}

/** amtool's --tree, with the escalation steps it routes (routes without matchers) folded into the route that escalates. */
function amtoolTreeMarks(output: string): TreeMark[] {
  const lines = output.split('\n');
  // After "Matching routes:" and treeprint's "." root, up to the blank line before the receivers.
  const marks: TreeMark[] = [];
  for (const mark of treeMarks(lines.slice(2, lines.indexOf('')), (line) => line.search(/[├└]── /) / 4, /  receiver: /)) {
    if (mark.route === 'default-route') marks.findLast((m) => m.depth === mark.depth - 1)!.final = true;
    else marks.push(mark);
  }
  return marks;
}

/** Ours: the tree's lines, not the escalation steps printed under them, up to the blank line before the receivers. */
function alertforgeTreeMarks(output: string): TreeMark[] {
  const lines = output.split('\n');
  const tree = lines.slice(1, lines.indexOf('')).filter((line, i) => i === 0 || line.includes('└── '));
  return treeMarks(tree, (line) => Math.max(0, line.indexOf('└── ') / 2), /  (receiver|escalation): /);
}

describe("the example project's routing configs", () => {
  itAmtool('amtool check-config accepts generated/alertmanager/alertmanager.yml', () => {
    const output = amtool(['check-config', EXAMPLE_YML]);
    expect(output).toContain('SUCCESS');
    expect(output).toContain(' - 5 receivers');
    expect(output).toContain(' - 4 inhibit rules');
  });

  it("notifier.yaml passes the runtime's own schema and holds no secret", () => {
    const text = readFileSync(join(REPO_ROOT, 'generated/notifier/notifier.yaml'), 'utf8');
    const config = notifierConfigSchema.parse(parse(text));
    expect(config.escalation_policies.map((p) => p.name)).toEqual(['sync-critical', 'sync-emergency']);
    expect(text).not.toMatch(/hooks\.slack\.com|password: (?!\n)/);
  });

  it('routes test --alert routes the labels of a rule in the project, and names an unknown one', async () => {
    const ours = await runCli(['routes', 'test', '--alert', 'SyncServiceAbsent'], REPO_ROOT);
    expect(ours.stdout.split('\n').slice(0, 3)).toEqual(['sync-team,sync-oncall,engineering-manager', 'route: sync > emergency', '  escalation sync-emergency (the chain runs 3 times):']);
    const typo = await runCli(['routes', 'test', '--alert', 'SyncServiceAbsnt'], REPO_ROOT);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no alert rule is named "SyncServiceAbsnt" (did you mean SyncServiceAbsent?)');
  });

  const table: readonly (readonly string[])[] = [
    ['alertname=SyncErrorRateHigh', 'severity=critical', 'connector=salesforce'],
    ['alertname=SyncServiceAbsent', 'severity=emergency'],
    ['alertname=SyncLatencyHigh', 'severity=warning', 'connector=s3'],
    ['alertname=Watchdog', 'severity=info'],
    ['alertname=Unknown'],
    ['severity=page'],
  ];
  for (const labels of table) {
    itAmtool(`alertforge routes test agrees with amtool for ${labels.join(' ')}`, async () => {
      const both = await bothRoutes(REPO_ROOT, EXAMPLE_YML, labels);
      expect(both.alertforge).toBe(both.amtool);
    });
  }
});

/**
 * A tree with every routing feature: regex and negative matchers, continue, nested routes that
 * inherit an escalation policy, a child with its own receiver under a policy, group_by '...'.
 */
const TREE = `import { email, env, escalationPolicy, ne, nre, notifyConfig, re, receiver, route, slack, timeInterval, webhook } from 'alertforge';
const team = receiver({ name: 'team', channels: [slack({ webhookUrl: env('SLACK_URL') })] });
const db = receiver({ name: 'db', channels: [webhook({ url: 'https://db.example.com/hook' })] });
const dev = receiver({ name: 'dev', channels: [email({ to: ['dev@example.com'], from: 'af@example.com', host: 'smtp.example.com', tls: 'none' })] });
const oncall = receiver({ name: 'oncall', channels: [webhook({ url: 'https://oncall.example.com/', bearerToken: env('ONCALL_TOKEN') })] });
const pager = escalationPolicy({ name: 'pager', steps: [{ after: '0s', notify: [team] }, { after: '15m', notify: [oncall, db] }] });
const nights = timeInterval({ name: 'nights', times: [{ start: '00:00', end: '06:00' }] });
export const notify = notifyConfig({
  route: route({ receiver: team, groupBy: ['alertname'], routes: [
    route({ name: 'db', match: { service: re('db|cache') }, receiver: db, groupWait: '10s', continue: true }),
    route({ name: 'critical', match: { severity: 'critical' }, escalation: pager, muteDuring: [nights], routes: [
      route({ name: 'eu', match: { region: 'eu' }, groupBy: ['...'] }),
      route({ name: 'staging', match: { env: 'staging' }, receiver: dev }),
    ] }),
    route({ name: 'not-prod', match: { env: ne('prod') }, receiver: dev, routes: [
      route({ match: { owner: nre('a.*') }, receiver: team, continue: true }),
      route({ match: { owner: 'b' }, receiver: db }),
    ] }),
  ] }),
});
`;

describe('a routing tree with every feature, under amtool', () => {
  let fixture: ProjectFixture;
  let configFile: string;
  beforeAll(async () => {
    ({ fixture, configFile } = await alertmanagerFixture(TREE));
  });
  afterAll(() => fixture.remove());

  itAmtool('amtool check-config accepts it', () => {
    expect(amtool(['check-config', configFile])).toContain('SUCCESS');
  });

  const table: readonly (readonly [string, readonly string[], string])[] = [
    ['continue, then the first match', ['service=db', 'severity=critical', 'env=prod'], 'db,team,oncall,db'],
    ['a child inheriting the escalation', ['severity=critical', 'env=prod', 'region=eu'], 'team,oncall,db'],
    ['a child with its own receiver under a policy', ['severity=critical', 'env=staging'], 'dev'],
    ['a negative regex, continue, then equality', ['env=dev', 'owner=b'], 'team,db'],
    ['a parent no child takes', ['env=dev', 'owner=abc'], 'dev'],
    ['missing labels as empty strings', [], 'team'],
    ['an anchored regex', ['service=dbx', 'env=prod'], 'team'],
  ];
  for (const [what, labels, receivers] of table) {
    itAmtool(`agrees with alertforge routes test on ${what}: ${labels.join(' ') || '(no labels)'}`, async () => {
      expect(await bothRoutes(fixture.root, configFile, labels)).toEqual({ amtool: receivers, alertforge: receivers });
    });
  }

  for (const [what, labels] of table.filter(([, labels]) => labels.length > 0)) {
    itAmtool(`marks the routes amtool's --tree marks on ${what}: ${labels.join(' ')}`, async () => {
      const ours = await runCli(['routes', 'test', '--tree', '--root', fixture.root, ...labels], REPO_ROOT);
      expect(ours.code, ours.stderr).toBe(0);
      const theirs = amtool(['config', 'routes', 'test', `--config.file=${configFile}`, '--tree', ...labels]);
      expect(alertforgeTreeMarks(ours.stdout)).toEqual(amtoolTreeMarks(theirs));
    });
  }

  it('routes test prints each route, its escalation steps and its grouping', async () => {
    const { stdout, code } = await runCli(['routes', 'test', '--root', fixture.root, 'severity=critical', 'region=eu'], REPO_ROOT);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'team,oncall,db',
        'route: root > critical > eu',
        '  escalation pager:',
        '    at once: team (Slack ($SLACK_URL))',
        '    after 15m unacknowledged: oncall (webhook https://oncall.example.com/), db (webhook https://db.example.com/hook)',
        '  group by every label; group_wait 30s, group_interval 5m, repeat_interval 4h',
        '',
      ].join('\n'),
    );
  });

  it('routes test --tree prints the whole tree', async () => {
    const { stdout } = await runCli(['routes', 'test', '--tree', '--root', fixture.root], REPO_ROOT);
    expect(stdout).toContain('root  receiver: team\n  └── db {service=~"db|cache"}  continue: true  receiver: db\n  └── critical {severity="critical"}  escalation: pager\n    └── eu {region="eu"}\n');
  });
});
