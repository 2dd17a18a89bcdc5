/**
 * A receiver down during an incident: the notifier against Debian's Alertmanager, one after the
 * other in this run, with the same routing (one webhook receiver, every alert a group of its own:
 * group_by alertname, connector and instance; group_wait 1s). The webhook sink answers 503 from the
 * start. A first burst of alerts is posted, and the programs are left HOLD_SECONDS to find the
 * receiver down and keep its messages; then a second burst of as many new alerts in new groups is
 * posted while those messages wait. Prints for each: the rate of both bursts, the CPU time the
 * second took, resident memory holding both bursts' messages, and, once the sink answers again,
 * the time until it has received every group, the first and the second burst's.
 *
 *   npx tsx bench/notifier-outage.ts [--alerts 20000] [--rounds 2]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { batches, BATCH, CONNECTIONS, postAll } from './alert-load.ts';
import { contenders, cpuSeconds, freePort, median, rssMiB, stop, waitReady, type Routing } from './programs.ts';
import { startSink, type Sink } from './sink-client.ts';

const { values } = parseArgs({ options: { alerts: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '2' } } });
const ALERTS = Number(values.alerts);
const ROUNDS = Number(values.rounds);
/** After the first burst: time for its groups to come due (group_wait 1s) and fail, more than once. */
const HOLD_SECONDS = 4;
/** How long the bench waits for every group once the receiver is back. */
const RECOVERY_TIMEOUT_MS = 600_000;
const routing: Routing = { group_by: ['alertname', 'connector', 'instance'], group_wait: '1s', group_interval: '5m', repeat_interval: '4h' };

interface Result {
  readonly name: string;
  readonly firstPerSecond: number;
  /** New alerts in new groups, posted while the first burst's messages wait for the receiver. */
  readonly secondPerSecond: number;
  readonly secondCpuSeconds: number;
  readonly rssMiB: number;
  /** Messages the receiver refused while it was down. */
  readonly refused: number;
  /** From the receiver coming back until it had every group of both bursts. */
  readonly recoveredSeconds: number;
}

async function measure(name: string, baseURL: string, child: ChildProcess, sink: Sink): Promise<Result> {
  const pool = new Pool(baseURL, { connections: CONNECTIONS, pipelining: 1 });
  const first = await postAll(name, pool, '/api/v2/alerts', batches(ALERTS, { alertname: 'Outage', instance: 'first-' }));
  await new Promise((resolve) => setTimeout(resolve, HOLD_SECONDS * 1000));
  const cpuBefore = cpuSeconds(child.pid!);
  const second = await postAll(name, pool, '/api/v2/alerts', batches(ALERTS, { alertname: 'Outage', instance: 'second-' }));
  const secondCpuSeconds = cpuSeconds(child.pid!) - cpuBefore;
  await pool.close();
  // The second burst's groups come due and fail too.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rss = rssMiB(child.pid!);
  const refused = await sink.failWith(null);
  const back = performance.now();
  const all = await sink.waitForAll(RECOVERY_TIMEOUT_MS, 2 * ALERTS);
  return { name, firstPerSecond: ALERTS / first, secondPerSecond: ALERTS / second, secondCpuSeconds, rssMiB: rss, refused, recoveredSeconds: (all - back) / 1000 };
}

async function runOne(name: string, start: (sinkUrl: string, port: number) => Promise<ChildProcess>): Promise<Result> {
  const sink = await startSink();
  await sink.failWith(503);
  const port = await freePort();
  const child = await start(sink.url, port);
  try {
    await waitReady(`http://127.0.0.1:${port}/-/ready`, child);
    return await measure(name, `http://127.0.0.1:${port}`, child, sink);
  } finally {
    await stop(child);
    await sink.close();
  }
}

function printTable(results: readonly Result[]): void {
  const rows = [
    ['', 'first burst (alerts/s)', 'second, receiver down (alerts/s)', 'its CPU (s)', 'RSS (MiB)', 'messages refused', 'all delivered once back (s)'],
    ...results.map((r) => [r.name, r.firstPerSecond.toFixed(0), r.secondPerSecond.toFixed(0), r.secondCpuSeconds.toFixed(2), r.rssMiB.toFixed(0), String(r.refused), r.recoveredSeconds.toFixed(2)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

function printRounds(rounds: readonly Result[]): void {
  console.log('\nEach round against Alertmanager:\n');
  const ratios: number[] = [];
  for (let i = 0; i + 1 < rounds.length; i += 2) {
    const [ours, peer] = [rounds[i]!, rounds[i + 1]!];
    const ratio = ours.secondPerSecond / peer.secondPerSecond;
    const later = ours.recoveredSeconds - peer.recoveredSeconds;
    const more = ours.rssMiB - peer.rssMiB;
    ratios.push(ratio);
    console.log(
      `round ${i / 2 + 1}: second burst, receiver down, ${ratio.toFixed(2)}x; ${Math.abs(more).toFixed(0)} MiB ${more > 0 ? 'more' : 'less'} memory; ` +
        `every group delivered ${Math.abs(later).toFixed(2)} s ${later > 0 ? 'later' : 'sooner'} once the receiver was back`,
    );
  }
  console.log(`\nSecond burst, receiver down: a median ${median(ratios).toFixed(2)}x Alertmanager's rate over ${ratios.length} round(s)`);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'alertforge-bench-outage-'));
  const rounds: Result[] = [];
  try {
    const list = contenders(dir, routing);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const contender of list) rounds.push({ ...(await runOne(contender.name, (sink, port) => contender.start(sink, port))), name: `${contender.name}, round ${round}` });
    }
    console.log(`\nReceiver down: ${ALERTS} alerts, then ${ALERTS} more ${HOLD_SECONDS} s later, in batches of ${BATCH} over ${CONNECTIONS} connections, every alert a group of its own, group_wait 1s\n`);
    printTable(rounds);
    if (list.length === 2) printRounds(rounds);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
