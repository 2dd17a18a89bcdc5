import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { notifierConfigSchema } from '../../src/runtime/config/schema.ts';
import { REPO_ROOT } from '../support/project-fixture.ts';
import { runCli } from '../support/run-cli.ts';
import { itWithTools } from '../support/tools.ts';

const itAmtool = itWithTools(['amtool']);
const ALERTMANAGER_YML = join(REPO_ROOT, 'generated/alertmanager/alertmanager.yml');

function amtoolRoutes(labels: readonly string[]): string {
  return execFileSync('amtool', ['config', 'routes', 'test', `--config.file=${ALERTMANAGER_YML}`, ...labels], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

describe('the generated routing configs', () => {
  itAmtool('amtool check-config accepts generated/alertmanager/alertmanager.yml', () => {
    const output = execFileSync('amtool', ['check-config', ALERTMANAGER_YML], { encoding: 'utf8' });
    expect(output).toContain('SUCCESS');
    expect(output).toContain(' - 4 receivers');
    expect(output).toContain(' - 4 inhibit rules');
  });

  it("notifier.yaml passes the runtime's own schema", () => {
    const config = notifierConfigSchema.parse(parse(readFileSync(join(REPO_ROOT, 'generated/notifier/notifier.yaml'), 'utf8')));
    expect(config.escalation_policies.map((p) => p.name)).toEqual(['sync-critical', 'sync-emergency']);
    expect(JSON.stringify(config)).not.toMatch(/hooks\.slack\.com|password"\s*:\s*"/);
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
      const ours = await runCli(['routes', 'test', ...labels], REPO_ROOT);
      expect(ours.code).toBe(0);
      expect(ours.stdout.split('\n')[0]).toBe(amtoolRoutes(labels));
    });
  }
});
