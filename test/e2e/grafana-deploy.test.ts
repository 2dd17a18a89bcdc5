/**
 * `alertforge grafana deploy|diff` against a local server that answers as Grafana's HTTP API
 * documents (Grafana itself cannot be installed here): the requests made, what is stored, and
 * what the user reads.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGrafana, type FakeGrafana } from '../support/fake-grafana.ts';
import { REPO_ROOT } from '../support/project-fixture.ts';
import { runCli } from '../support/run-cli.ts';

const TOKEN = 'glsa_test_token';
const VIEWER_TOKEN = 'glsa_viewer_token';
const env = { GRAFANA_TOKEN: TOKEN };
const GENERATED = ['alertforge-rules', 'sync-conflicts', 'sync-overview', 'sync-performance'];

let grafana: FakeGrafana;
let root: string;

beforeEach(async () => {
  grafana = await startFakeGrafana({ token: TOKEN, viewerToken: VIEWER_TOKEN, basic: { user: 'admin', password: 's3cret' } });
  root = mkdtempSync(join(tmpdir(), 'alertforge-grafana-'));
  cpSync(join(REPO_ROOT, 'generated/grafana'), join(root, 'generated/grafana'), { recursive: true });
});
afterEach(async () => {
  await grafana.close();
  rmSync(root, { recursive: true, force: true });
});

const grafanaCli = (args: string[], environment: NodeJS.ProcessEnv = env, url = grafana.url) => runCli(['grafana', ...args, '--url', url], root, environment);
const writes = () => grafana.requests.filter((r) => r.method !== 'GET');

describe('alertforge grafana deploy', () => {
  it('creates the folder, the datasource and every dashboard, then finds them unchanged', async () => {
    const first = await grafanaCli(['deploy', '--folder', 'Sync']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      [
        'folder "Sync": created',
        'datasource alertforge-prometheus: created',
        'dashboard alertforge-rules "Alert rules: conditions against thresholds": created',
        'dashboard sync-conflicts "Sync Conflict Analysis": created',
        'dashboard sync-overview "Sync System Overview": created',
        'dashboard sync-performance "Sync Performance": created',
        '',
      ].join('\n'),
    );
    expect(grafana.requests.slice(0, 4).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/search?type=dash-folder&query=Sync',
      'POST /api/folders',
      'GET /api/datasources/uid/alertforge-prometheus',
      'POST /api/datasources',
    ]);
    expect([...grafana.dashboards.keys()].sort()).toEqual(GENERATED);
    const overview = grafana.dashboards.get('sync-overview')!;
    expect(overview).toMatchObject({ folderUid: 'f1', message: 'Deployed by alertforge from dashboards/overview.ts' });
    expect(grafana.requests.find((r) => r.path === '/api/dashboards/db')!.body).toMatchObject({ overwrite: false, folderUid: 'f1', dashboard: { id: null } });
    expect(grafana.datasources.get('alertforge-prometheus')).toMatchObject({ type: 'prometheus', url: 'http://127.0.0.1:9090', name: 'Prometheus (alertforge)' });

    const before = writes().length;
    const second = await grafanaCli(['deploy', '--folder', 'Sync']);
    expect(second.stdout).toContain('folder "Sync": exists\ndatasource alertforge-prometheus: unchanged\n');
    expect(second.stdout.match(/": unchanged\n/g)).toHaveLength(4);
    expect(writes()).toHaveLength(before);
    expect(first.stdout + second.stdout).not.toContain(TOKEN);
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
    expect(grafana.dashboards.get('sync-overview')!.folderUid).toBe('f2');
  });

  it('points the datasource at --prometheus-url, keeping what an admin set on it', async () => {
    grafana.datasources.set('alertforge-prometheus', { uid: 'alertforge-prometheus', name: 'Prometheus (alertforge)', type: 'prometheus', url: 'http://old:9090', basicAuth: true });
    const deployed = await grafanaCli(['deploy', '--prometheus-url', 'http://prometheus:9090']);
    expect(deployed.stdout).toContain('datasource alertforge-prometheus: updated\n');
    expect(grafana.datasources.get('alertforge-prometheus')).toMatchObject({ url: 'http://prometheus:9090', basicAuth: true });
  });

  it('authenticates with GRAFANA_USER and GRAFANA_PASSWORD', async () => {
    const deployed = await grafanaCli(['deploy'], { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 's3cret' });
    expect(deployed.code).toBe(0);
    expect(deployed.stdout + deployed.stderr).not.toContain('s3cret');
  });

  it('retries a 503 with backoff and succeeds', async () => {
    grafana.failNext(2);
    const deployed = await grafanaCli(['deploy']);
    expect(deployed.code).toBe(0);
    expect(grafana.requests.slice(0, 3).map((r) => r.path)).toEqual(Array(3).fill('/api/search?type=dash-folder&query=alertforge'));
  });
});

describe('alertforge grafana diff and --dry-run', () => {
  it('diff says what would change, names dashboards it did not generate, and changes nothing', async () => {
    await grafanaCli(['deploy']);
    grafana.dashboards.set('hand-made', { dashboard: { uid: 'hand-made', title: 'Hand made' }, folderUid: 'f1', version: 1, message: '' });
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

  it('--dry-run against an empty Grafana says everything would be created, and writes nothing', async () => {
    const dry = await grafanaCli(['deploy', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('folder "alertforge": would be created\ndatasource alertforge-prometheus: would be created\n');
    expect(dry.stdout.match(/: would be created\n/g)).toHaveLength(6);
    expect(writes()).toEqual([]);
  });
});

describe("Grafana's refusals: its own message and a hint, exit 1", () => {
  it('401 for a wrong token', async () => {
    const denied = await grafanaCli(['deploy'], { GRAFANA_TOKEN: 'wrong' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toBe('grafana deploy: GET /api/search?type=dash-folder&query=alertforge: Grafana answered 401: Invalid API key\n  hint: check GRAFANA_TOKEN (a service account token), or GRAFANA_USER and GRAFANA_PASSWORD\n');
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
    grafana.beforeNextSave(() => (grafana.dashboards.get('sync-overview')!.version = 7));
    const raced = await grafanaCli(['deploy']);
    expect(raced.code).toBe(1);
    expect(raced.stderr).toContain('POST /api/dashboards/db: Grafana answered 412: The dashboard has been changed by someone else\n  hint: the dashboard changed in Grafana after deploy read it');
    const forced = await grafanaCli(['deploy', '--force']);
    expect(forced.code).toBe(0);
    expect(grafana.dashboards.get('sync-overview')!.dashboard.refresh).toBe('1m');
  });

  it('412 when another dashboard in the folder holds the title', async () => {
    grafana.folders.push({ uid: 'f1', title: 'alertforge' });
    grafana.dashboards.set('someone-else', { dashboard: { uid: 'someone-else', title: 'Sync System Overview' }, folderUid: 'f1', version: 3, message: '' });
    const clash = await grafanaCli(['deploy']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('POST /api/dashboards/db: Grafana answered 412: A dashboard with the same name in the folder already exists\n  hint: another dashboard in the folder has this title');
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
