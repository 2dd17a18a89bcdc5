/**
 * `alertforge grafana deploy|diff` against a local server that answers as Grafana's HTTP API
 * documents (Grafana itself cannot be installed here): the requests made, what is stored, and
 * what the user reads.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGrafana, type FakeGrafana } from '../support/fake-grafana.ts';
import { createProject, FIXTURE_METRICS, REPO_ROOT, removeProjects } from '../support/project-fixture.ts';
import { runCli } from '../support/run-cli.ts';

const TOKEN = 'glsa_test_token';
const VIEWER_TOKEN = 'glsa_viewer_token';
const env = { GRAFANA_TOKEN: TOKEN };
const GENERATED = ['alertforge-rules', 'sync-conflicts', 'sync-overview', 'sync-performance'];
/** The datasource as an admin might have made it by hand, before any deploy. */
const PROMETHEUS = { uid: 'alertforge-prometheus', name: 'Prometheus (alertforge)', type: 'prometheus', access: 'proxy' };

let grafana: FakeGrafana;
let root: string;

beforeEach(async () => {
  grafana = await startFakeGrafana({ token: TOKEN, viewerToken: VIEWER_TOKEN, basic: { user: 'admin', password: 's3cret' } });
  root = mkdtempSync(join(tmpdir(), 'alertforge-grafana-'));
  cpSync(join(REPO_ROOT, 'generated/grafana'), join(root, 'generated/grafana'), { recursive: true });
  // A project, as the CLI finds one (package.json and rules/), of which deploy reads only generated/.
  writeFileSync(join(root, 'package.json'), '{}');
  mkdirSync(join(root, 'rules'));
});
afterEach(async () => {
  await grafana.close();
  rmSync(root, { recursive: true, force: true });
  removeProjects();
});

const grafanaCli = (args: string[], environment: NodeJS.ProcessEnv = env, url = grafana.url) => runCli(['grafana', ...args, '--url', url], root, environment);
const writes = () => grafana.requests.filter((r) => r.method !== 'GET');

/** What a deploy into an empty Grafana prints: the folder and datasource created, then the first `dashboards` of the generated ones, in save order. */
function firstDeployOutput(folder: string, dashboards: number): string {
  const titles: Record<string, string> = {
    'alertforge-rules': 'Alert rules: conditions against thresholds',
    'sync-conflicts': 'Sync Conflict Analysis',
    'sync-overview': 'Sync System Overview',
    'sync-performance': 'Sync Performance',
  };
  return [
    `folder "${folder}": created`,
    'datasource alertforge-prometheus: created, pointing at http://127.0.0.1:9090 (the default: pass --prometheus-url or set PROMETHEUS_URL to point it elsewhere)',
    ...GENERATED.slice(0, dashboards).map((uid) => `dashboard ${uid} "${titles[uid]}": created`),
    '',
  ].join('\n');
}

describe('alertforge grafana deploy', () => {
  it('creates the folder, the datasource and every dashboard, then finds them unchanged', async () => {
    const first = await grafanaCli(['deploy', '--folder', 'Sync']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(firstDeployOutput('Sync', GENERATED.length));
    expect(grafana.requests.slice(0, 4).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/search?type=dash-folder&query=Sync',
      'POST /api/folders',
      'GET /api/datasources/uid/alertforge-prometheus',
      'POST /api/datasources',
    ]);
    expect([...grafana.dashboards.keys()].sort()).toEqual(GENERATED);
    const folderUid = grafana.folders.find((f) => f.title === 'Sync')!.uid;
    const overview = grafana.dashboards.get('sync-overview')!;
    expect(overview).toMatchObject({ folderUid, message: 'Deployed by alertforge from dashboards/overview.ts' });
    expect(grafana.requests.find((r) => r.path === '/api/dashboards/db')!.body).toMatchObject({ overwrite: false, folderUid, dashboard: { id: null } });
    // The scrape interval of the generated provisioning file, so that $__rate_interval spans four scrapes.
    expect(grafana.datasources.get('alertforge-prometheus')).toMatchObject({ type: 'prometheus', url: 'http://127.0.0.1:9090', name: 'Prometheus (alertforge)', jsonData: { timeInterval: '15s' } });

    const before = writes().length;
    const second = await grafanaCli(['deploy', '--folder', 'Sync']);
    expect(second.stdout).toContain('folder "Sync": exists\ndatasource alertforge-prometheus: unchanged\n');
    expect(second.stdout.match(/": unchanged\n/g)).toHaveLength(4);
    expect(writes()).toHaveLength(before);
    expect(first.stdout + second.stdout).not.toContain(TOKEN);
  });

  it('deploys into the top-level folder of the title, not one of that title nested in another', async () => {
    grafana.folders.push({ uid: 'team', title: 'Team' }, { uid: 'nested-sync', title: 'Sync', parentUid: 'team' });
    const run = await grafanaCli(['deploy', '--folder', 'Sync']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('folder "Sync": created\n');
    const topLevel = grafana.folders.find((f) => f.title === 'Sync' && !f.parentUid)!;
    expect(grafana.dashboards.get('sync-overview')!.folderUid).toBe(topLevel.uid);
    expect([...grafana.dashboards.values()].filter((d) => d.folderUid === 'nested-sync')).toEqual([]);
  });

  it('deploys the project around the folder it is run in, as the other commands do', async () => {
    const run = await runCli(['grafana', 'deploy', '--url', grafana.url], join(root, 'rules'), env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect([...grafana.dashboards.keys()].sort()).toEqual(GENERATED);
  });

  it('updates a dashboard that differs, sending the version it read', async () => {
    await grafanaCli(['deploy']);
    const file = join(root, 'generated/grafana/dashboards/sync-overview.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), refresh: '1m' }));
    const updated = await grafanaCli(['deploy']);
    expect(updated.stdout).toContain('dashboard sync-overview "Sync System Overview": updated (refresh)\n');
    expect(grafana.requests.findLast((r) => r.path === '/api/dashboards/db')!.body).toMatchObject({ overwrite: false, dashboard: { uid: 'sync-overview', version: 1, refresh: '1m' } });
    expect(grafana.dashboards.get('sync-overview')!.version).toBe(2);
  });

  it('moves a dashboard deployed to another folder into the one asked for', async () => {
    await grafanaCli(['deploy', '--folder', 'Old']);
    const moved = await grafanaCli(['deploy', '--folder', 'Sync']);
    expect(moved.stdout).toContain('dashboard sync-overview "Sync System Overview": updated (folder)\n');
    expect(grafana.dashboards.get('sync-overview')!.folderUid).toBe(grafana.folders.find((f) => f.title === 'Sync')!.uid);
  });

  it('points the datasource at --prometheus-url and sets its scrape interval, keeping what an admin set on it', async () => {
    grafana.datasources.set('alertforge-prometheus', { ...PROMETHEUS, url: 'http://old:9090', basicAuth: true, jsonData: { httpMethod: 'POST' } });
    const deployed = await grafanaCli(['deploy', '--prometheus-url', 'http://prometheus:9090']);
    expect(deployed.stdout).toContain('datasource alertforge-prometheus: updated (url, timeInterval)\n');
    expect(grafana.datasources.get('alertforge-prometheus')).toMatchObject({ url: 'http://prometheus:9090', basicAuth: true, jsonData: { httpMethod: 'POST', timeInterval: '15s' } });
  });

  it('leaves the URL of an existing datasource alone when none is given, and diff then finds it in step', async () => {
    grafana.datasources.set('alertforge-prometheus', { ...PROMETHEUS, url: 'http://prometheus:9090' });
    const deployed = await grafanaCli(['deploy']);
    expect(deployed.stdout).toContain('datasource alertforge-prometheus: updated (timeInterval)\n');
    expect(grafana.datasources.get('alertforge-prometheus')).toMatchObject({ url: 'http://prometheus:9090', jsonData: { timeInterval: '15s' } });
    const diff = await grafanaCli(['diff']);
    expect(diff.stdout).toContain('datasource alertforge-prometheus: unchanged\n');
    expect(diff.code).toBe(0);
  });

  it('leaves a datasource Grafana holds from a provisioning file as is, saying what differs', async () => {
    grafana.datasources.set('alertforge-prometheus', { ...PROMETHEUS, url: 'http://prometheus:9090', readOnly: true });
    const deployed = await grafanaCli(['deploy', '--prometheus-url', 'http://other:9090']);
    expect(deployed.stderr).toBe('');
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toContain(
      "datasource alertforge-prometheus: provisioned (read-only in Grafana), left as is; its url, timeInterval differ from what deploy would set: change them in Grafana's provisioning file\n",
    );
    expect(deployed.stdout.match(/^dashboard .*": created$/gm)).toHaveLength(4);
    expect(writes().filter((r) => r.path.startsWith('/api/datasources'))).toEqual([]);
    // Nothing deploy could change: diff does not fail on it.
    expect((await grafanaCli(['diff'])).code).toBe(0);
  });

  it('leaves a dashboard Grafana holds from a provisioning file as is, which Grafana would refuse to save over', async () => {
    await grafanaCli(['deploy']);
    const held = grafana.dashboards.get('sync-overview')!;
    grafana.dashboards.set('sync-overview', { ...held, dashboard: { ...held.dashboard, refresh: '1h' }, provisioned: true });
    const deployed = await grafanaCli(['deploy']);
    expect(deployed).toMatchObject({ code: 0, stderr: '' });
    expect(deployed.stdout).toContain('dashboard sync-overview "Sync System Overview": provisioned (Grafana holds it from a provisioning file), left as is; its refresh differs from the generated one: Grafana reloads it from the provisioned files\n');
    expect(grafana.dashboards.get('sync-overview')!.dashboard.refresh).toBe('1h');
    expect((await grafanaCli(['diff'])).code).toBe(0);
  });

  it('authenticates with GRAFANA_USER and GRAFANA_PASSWORD', async () => {
    const deployed = await grafanaCli(['deploy'], { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 's3cret' });
    expect(deployed.code).toBe(0);
    expect(deployed.stdout + deployed.stderr).not.toContain('s3cret');
  });

  it("gives the datasource the project's scrape interval, so that $__rate_interval spans four scrapes", async () => {
    const project = createProject({
      'rules/metrics.ts': FIXTURE_METRICS,
      'rules/prometheus.ts': `import { prometheusConfig } from 'alertforge';
export const p = prometheusConfig({ scrapeInterval: '1m', scrapeJobs: [{ name: 'app', targets: ['127.0.0.1:8080'] }], alertmanagers: ['127.0.0.1:9093'] });`,
      'dashboards/ops.ts': `import { dashboard, panel, query, row } from 'alertforge';
export const d = dashboard({ uid: 'ops', title: 'Ops', rows: [row('r', [panel.timeseries({ title: 'Depth', queries: [query('queue_depth')] })])] });`,
    });
    expect((await runCli(['build'], project.root)).code).toBe(0);
    grafana.datasources.set('alertforge-prometheus', { ...PROMETHEUS, url: 'http://prometheus:9090', jsonData: { timeInterval: '15s' } });
    const deployed = await runCli(['grafana', 'deploy', '--url', grafana.url], project.root, env);
    expect(deployed.stdout).toContain('datasource alertforge-prometheus: updated (timeInterval)\n');
    expect(grafana.datasources.get('alertforge-prometheus')).toMatchObject({ url: 'http://prometheus:9090', jsonData: { timeInterval: '1m' } });
  });

  it('refuses --url with credentials in it, naming the variables to use, and never prints them', async () => {
    for (const url of [`http://admin:s3cret@${new URL(grafana.url).host}/`, 'admin:s3cret@grafana.example.com']) {
      const refused = await grafanaCli(['deploy'], env, url);
      expect(refused.code).toBe(2);
      expect(refused.stdout + refused.stderr).not.toContain('s3cret');
    }
    const refused = await grafanaCli(['deploy'], env, `http://admin:s3cret@${new URL(grafana.url).host}/`);
    expect(refused.stderr).toContain('alertforge grafana: --url must not carry credentials (user:password@host): give Grafana\'s URL alone and set GRAFANA_TOKEN (a service account token), or GRAFANA_USER and GRAFANA_PASSWORD\n');
    expect(grafana.requests).toEqual([]);
  });

  it('reports a generated dashboard that is not valid JSON, naming the file, before changing anything', async () => {
    writeFileSync(join(root, 'generated/grafana/dashboards/sync-overview.json'), '{"uid": "sync-overview",');
    const broken = await grafanaCli(['deploy']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^grafana deploy: generated\/grafana\/dashboards\/sync-overview\.json is not valid JSON \(.+\): run `alertforge build` to rewrite it\n$/);
    expect(grafana.requests).toEqual([]);
  });

  it('retries a 503 with backoff and succeeds', async () => {
    grafana.failNext(2);
    const deployed = await grafanaCli(['deploy']);
    expect(deployed.code).toBe(0);
    expect(grafana.requests.slice(0, 3).map((r) => r.path)).toEqual(Array(3).fill('/api/search?type=dash-folder&query=alertforge'));
  });
});

describe('a create or save whose answer is lost (a proxy gives up with 504 after Grafana did it)', () => {
  it('is read back, not repeated: one folder, one datasource, each dashboard at version 1', async () => {
    for (const path of ['/api/folders', '/api/datasources', '/api/dashboards/db']) grafana.loseNextAnswer(path);
    const deployed = await grafanaCli(['deploy']);
    expect(deployed.stderr).toBe('');
    expect(deployed.code).toBe(0);
    expect(deployed.stdout.match(/: created[,\n]/g)).toHaveLength(6);
    expect(grafana.folders).toHaveLength(1);
    expect([...grafana.dashboards.values()].map((d) => d.version)).toEqual([1, 1, 1, 1]);
    const posts = (path: string) => writes().filter((r) => r.path === path).length;
    expect([posts('/api/folders'), posts('/api/datasources'), posts('/api/dashboards/db')]).toEqual([1, 1, 4]);
  });

  it('an update is read back too, rather than re-posted with the old version and refused as someone else’s change', async () => {
    await grafanaCli(['deploy']);
    const file = join(root, 'generated/grafana/dashboards/sync-overview.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), refresh: '1m' }));
    grafana.loseNextAnswer('/api/dashboards/db');
    const updated = await grafanaCli(['deploy']);
    expect(updated.stderr).toBe('');
    expect(updated.stdout).toContain('dashboard sync-overview "Sync System Overview": updated (refresh)\n');
    expect(grafana.dashboards.get('sync-overview')).toMatchObject({ version: 2, dashboard: { refresh: '1m' } });
  });
});

describe('alertforge grafana diff and --dry-run', () => {
  it('diff says what would change, names dashboards it did not generate, and changes nothing', async () => {
    await grafanaCli(['deploy']);
    grafana.dashboards.set('hand-made', { dashboard: { uid: 'hand-made', title: 'Hand made' }, folderUid: grafana.folders[0]!.uid, version: 1, message: '' });
    const file = join(root, 'generated/grafana/dashboards/sync-overview.json');
    const dashboard = JSON.parse(readFileSync(file, 'utf8'));
    dashboard.refresh = '1m';
    dashboard.panels.find((p: { title: string }) => p.title === 'Queue depth').title = 'Queue depth by connector';
    writeFileSync(file, JSON.stringify(dashboard));
    const before = writes().length;
    const diff = await grafanaCli(['diff']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('dashboard sync-overview "Sync System Overview": would be updated (refresh, panel "Queue depth by connector" (new), panel "Queue depth" (removed))\n');
    expect(diff.stdout).toContain('dashboard sync-conflicts "Sync Conflict Analysis": unchanged\n');
    expect(diff.stdout).toContain('dashboard hand-made "Hand made": in the folder but not generated, left as is\n');
    expect(writes()).toHaveLength(before);
  });

  it('diff exits 0 when Grafana is in step with generated/', async () => {
    await grafanaCli(['deploy']);
    const diff = await grafanaCli(['diff']);
    expect(diff.code).toBe(0);
    expect(diff.stdout.match(/: unchanged\n/g)).toHaveLength(5);
  });

  it('diff --folder NAME, before the folder exists, says every dashboard deployed elsewhere would move', async () => {
    await grafanaCli(['deploy']);
    const diff = await grafanaCli(['diff', '--folder', 'New']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('folder "New": would be created\n');
    expect(diff.stdout).toContain('dashboard sync-overview "Sync System Overview": would be updated (folder)\n');
    expect(diff.stdout).not.toContain('": unchanged');
  });

  it('--dry-run against an empty Grafana says everything would be created, and writes nothing', async () => {
    const dry = await grafanaCli(['deploy', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('folder "alertforge": would be created\ndatasource alertforge-prometheus: would be created, pointing at http://127.0.0.1:9090');
    expect(dry.stdout.match(/: would be created[,\n]/g)).toHaveLength(6);
    expect(writes()).toEqual([]);
  });
});

describe("Grafana's refusals: its own message and a hint, exit 1", () => {
  it('401 for a wrong token', async () => {
    const denied = await grafanaCli(['deploy'], { GRAFANA_TOKEN: 'wrong' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toBe(
      'grafana deploy: folder "alertforge": GET /api/search?type=dash-folder&query=alertforge: Grafana answered 401: Invalid API key\n  hint: check GRAFANA_TOKEN (a service account token), or GRAFANA_USER and GRAFANA_PASSWORD\n',
    );
  });

  it('403 for a viewer', async () => {
    const denied = await grafanaCli(['deploy'], { GRAFANA_TOKEN: VIEWER_TOKEN });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("POST /api/folders: Grafana answered 403: You'll need additional permissions to perform this action. Permissions needed: folders:create\n  hint: the account lacks a permission");
  });

  it('404 when --url is not Grafana itself', async () => {
    const lost = await grafanaCli(['deploy'], env, `${grafana.url}/grafana`);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain('GET /api/search?type=dash-folder&query=alertforge: Grafana answered 404: Not found\n  hint: check that --url is Grafana itself');
  });

  it('412 when the dashboard changed in Grafana while deploy ran; --force overwrites it', async () => {
    await grafanaCli(['deploy']);
    const file = join(root, 'generated/grafana/dashboards/sync-overview.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), refresh: '1m' }));
    grafana.beforeSaveOf('sync-overview', () => (grafana.dashboards.get('sync-overview')!.version = 7));
    const raced = await grafanaCli(['deploy']);
    expect(raced.code).toBe(1);
    expect(raced.stderr).toContain('POST /api/dashboards/db: Grafana answered 412: The dashboard has been changed by someone else\n  hint: the dashboard changed in Grafana after deploy read it');
    const forced = await grafanaCli(['deploy', '--force']);
    expect(forced.code).toBe(0);
    expect(grafana.dashboards.get('sync-overview')!.dashboard.refresh).toBe('1m');
  });

  it('stops at a dashboard Grafana refuses, naming it, and says what it had done and what it had not', async () => {
    grafana.beforeSaveOf('sync-overview', () => grafana.dashboards.set('sync-overview', { dashboard: { uid: 'sync-overview', title: 'Made by hand' }, folderUid: '', version: 1, message: '' }));
    const stopped = await grafanaCli(['deploy']);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toBe(firstDeployOutput('alertforge', 2));
    expect(stopped.stderr).toBe(
      [
        'grafana deploy: dashboard sync-overview "Sync System Overview": POST /api/dashboards/db: Grafana answered 412: The dashboard has been changed by someone else',
        '  hint: the dashboard changed in Grafana after deploy read it (another deploy, or an edit in the UI): run deploy again, or pass --force',
        'grafana deploy: stopped part-way; done: folder "alertforge" created, datasource alertforge-prometheus created, dashboard alertforge-rules created, dashboard sync-conflicts created; not deployed: sync-overview, sync-performance',
        '',
      ].join('\n'),
    );
  });

  it('refuses, before changing anything and even with --force, a dashboard whose title Grafana takes for another’s in the folder', async () => {
    grafana.folders.push({ uid: 'f1', title: 'alertforge' });
    grafana.dashboards.set('someone-else', { dashboard: { uid: 'someone-else', title: 'Sync (System) Overview' }, folderUid: 'f1', version: 3, message: '' });
    for (const args of [['deploy'], ['deploy', '--force']]) {
      const clash = await grafanaCli(args);
      expect(clash.code).toBe(1);
      expect(clash.stdout).toBe('');
      expect(clash.stderr).toBe(
        'grafana deploy: dashboard sync-overview "Sync System Overview": folder "alertforge" holds dashboard someone-else "Sync (System) Overview", whose title Grafana does not tell apart from it (both are "sync-system-overview" to Grafana): Grafana would refuse the save, or with --force replace someone-else with it\n  hint: retitle one of them, or move someone-else to another folder\n',
      );
    }
    expect(writes()).toEqual([]);
    expect(grafana.dashboards.get('someone-else')).toMatchObject({ version: 3, dashboard: { title: 'Sync (System) Overview' } });
  });
});

describe('misuse exits 2', () => {
  it('needs credentials, a URL and a subcommand', async () => {
    const noAuth = await grafanaCli(['deploy'], {});
    expect(noAuth.code).toBe(2);
    expect(noAuth.stderr).toContain('set GRAFANA_TOKEN');
    const noUrl = await runCli(['grafana', 'deploy'], root, env);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('--url is required');
    expect((await runCli(['grafana', 'push', '--url', grafana.url], root, env)).stderr).toContain('unknown subcommand "push": use deploy or diff');
  });
});
