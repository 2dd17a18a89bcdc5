/** Long JSON arrays written a slice at a time, the event loop free between slices, through a real HTTP server. */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { sendJsonArray } from '../../../src/runtime/api/responses.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Serves one GET with `answer`; resolves to the body, as parsed JSON, and its content type. */
async function fetchFrom(answer: (response: ServerResponse) => Promise<void>): Promise<{ body: unknown; type: string | null }> {
  const server = createServer((_request, response) => void answer(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return { body: await response.json(), type: response.headers.get('content-type') };
}

it('writes every item, leaving out those gone meanwhile, and lets other work run between slices', async () => {
  const items = Array.from({ length: 1000 }, (_, i) => i);
  const made: number[] = [];
  let otherWorkRanAfter: number | undefined;
  const { body, type } = await fetchFrom((response) => {
    // Work queued as the answer starts, such as another request, runs before the answer is done.
    setImmediate(() => (otherWorkRanAfter = made.length));
    return sendJsonArray(response, items, (i) => {
      made.push(i);
      return i % 10 === 9 ? undefined : { i };
    });
  });
  expect(type).toBe('application/json');
  expect(body).toEqual(items.filter((i) => i % 10 !== 9).map((i) => ({ i })));
  expect(otherWorkRanAfter).toBeGreaterThan(0);
  expect(otherWorkRanAfter).toBeLessThan(items.length);
});

it('writes an empty array, and one whose every item is gone, as []', async () => {
  expect((await fetchFrom((response) => sendJsonArray(response, [], () => 1))).body).toEqual([]);
  expect((await fetchFrom((response) => sendJsonArray(response, [1, 2, 3], () => undefined))).body).toEqual([]);
});
