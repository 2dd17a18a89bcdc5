/**
 * The programs the notifier benches compare, started with the same routing to one webhook
 * receiver: the notifier, and Debian's Alertmanager when it is installed; and what the benches read
 * of a running program.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** The route's grouping and timing, written alike into both programs' configs. */
export interface Routing {
  readonly group_by: readonly string[];
  readonly group_wait: string;
  readonly group_interval: string;
  readonly repeat_interval: string;
}

export interface Contender {
  readonly name: string;
  start(sinkUrl: string, port: number): Promise<ChildProcess>;
}

/** The notifier, and Alertmanager when installed; `dir` holds their configs and state. */
export function contenders(dir: string, routing: Routing): Contender[] {
  const list: Contender[] = [
    {
      name: 'alertforge notifier (SQLite, WAL)',
      async start(sinkUrl, port) {
        const config = join(dir, 'notifier.yaml');
        await writeFile(config, stringify({ receivers: [{ name: 'hook', channels: [{ type: 'webhook', url: sinkUrl }] }], route: { receiver: 'hook', ...routing } }));
        await rm(join(dir, 'notifier'), { recursive: true, force: true });
        return spawn(process.execPath, [join(import.meta.dirname, '../bin/alertforge.js'), 'notifier', '--config', config, '--listen', `127.0.0.1:${port}`, '--state', join(dir, 'notifier', 'state.sqlite')], { stdio: 'ignore' });
      },
    },
  ];
  let alertmanager: string | undefined;
  try {
    alertmanager = execFileSync('sh', ['-c', 'command -v alertmanager || command -v prometheus-alertmanager'], { encoding: 'utf8' }).trim();
  } catch {
    console.log('Alertmanager is not installed (apt-get install prometheus-alertmanager): no comparison.');
    return list;
  }
  const version = execFileSync(alertmanager, ['--version'], { encoding: 'utf8' }).split('\n')[0]!.replace(/^alertmanager, version (\S+).*/, '$1');
  list.push({
    name: `Alertmanager ${version}`,
    async start(sinkUrl, port) {
      const config = join(dir, 'alertmanager.yml');
      await writeFile(config, stringify({ receivers: [{ name: 'hook', webhook_configs: [{ url: sinkUrl }] }], route: { receiver: 'hook', ...routing } }));
      await rm(join(dir, 'alertmanager'), { recursive: true, force: true });
      return spawn(alertmanager, [`--config.file=${config}`, `--storage.path=${join(dir, 'alertmanager')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: 'ignore' });
    },
  });
  return list;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the program exited (${child.exitCode})`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** User plus system CPU time of a process so far, from /proc (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMiB(pid: number): number {
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return kib / 1024;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
