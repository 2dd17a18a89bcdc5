/**
 * The ingest log when the disk refuses an append. The appends run in a child process whose file
 * size limit (`ulimit -f`) cuts a write short and then refuses it, as a full disk does: what the
 * log meets is the kernel's own short write and error, not a stand-in.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { IngestLog } from '../../../src/runtime/store/ingest-log.ts';

/** Bytes a segment may grow to in the child (ulimit -f counts KiB in bash). */
const LIMIT_KIB = 4;
const TOO_BIG = 2 * LIMIT_KIB * 1024;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alertforge-ingest-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const body = (name: string, bytes = 0) => JSON.stringify([{ labels: { alertname: name }, annotations: { filler: 'x'.repeat(bytes) } }]);

/** Appends each body in a fresh log under the size limit; returns each append's id or error code. */
function appendUnderLimit(bodies: readonly string[]): (number | string)[] {
  const script = `
    import { IngestLog } from ${JSON.stringify(new URL('../../../src/runtime/store/ingest-log.ts', import.meta.url).pathname)};
    const log = new IngestLog(process.argv[1]);
    log.read(0);
    const results = JSON.parse(process.argv[2]).map((body, i) => {
      try { return log.append(i + 1, body); } catch (error) { return error.code; }
    });
    console.log(JSON.stringify(results));`;
  const command = `ulimit -f ${LIMIT_KIB} && exec "$0" --import tsx --input-type=module -e "$1" "$2" "$3"`;
  const out = execFileSync('bash', ['-c', command, process.execPath, script, join(dir, 'state.sqlite'), JSON.stringify(bodies)], { encoding: 'utf8' });
  return JSON.parse(out) as (number | string)[];
}

it('refuses an append the disk cuts short, keeps the entries before it, and goes on in a new segment', async () => {
  expect(appendUnderLimit([body('A'), body('Cut', TOO_BIG), body('B')])).toEqual([1, 'EFBIG', 2]);
  // The first segment ends with the cut entry, which no restart reads.
  expect((await readdir(dir)).sort()).toEqual(['state.sqlite-ingest-1.log', 'state.sqlite-ingest-2.log']);
  expect(new IngestLog(join(dir, 'state.sqlite')).read(0)).toEqual([
    { id: 1, receivedAt: 1, payload: body('A') },
    { id: 2, receivedAt: 3, payload: body('B') },
  ]);
});

it('deletes a segment the refused append left holding nothing whole, and opens it anew for the next', async () => {
  expect(appendUnderLimit([body('Cut', TOO_BIG), body('A')])).toEqual(['EFBIG', 1]);
  expect(await readdir(dir)).toEqual(['state.sqlite-ingest-1.log']);
  expect(new IngestLog(join(dir, 'state.sqlite')).read(0)).toEqual([{ id: 1, receivedAt: 2, payload: body('A') }]);
});
