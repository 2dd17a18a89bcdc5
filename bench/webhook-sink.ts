/**
 * The webhook receiver of the notifier benches, a process of its own as a webhook consumer is: in
 * the bench's process, reading each message would hold up the load generator, and so slow a
 * program's ingest for every message it sends. It keeps the first message of each group and answers
 * its parent (over IPC) with when the groups it waits for have all arrived, as an epoch time in
 * milliseconds (performance.timeOrigin + performance.now(), comparable across processes). Told to,
 * it plays a receiver that is down: it answers every message with a failure status and keeps none.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the parent asks. */
export type SinkRequest = { readonly waitFor: number } | { readonly firstMessages: true } | { readonly failWith: number | null };
/** What the sink answers: first its URL, then one answer per request. */
export type SinkAnswer = { readonly url: string } | { readonly arrivedAt: number } | { readonly firstMessages: readonly string[] } | { readonly refused: number };

const send = (answer: SinkAnswer) => process.send!(answer);
const firstMessages = new Map<string, string>();
let waitingFor = Infinity;
/** The status every message is answered with while the receiver plays down; null while it is up. */
let failWith: number | null = null;
let refused = 0;

const arrived = () => {
  if (firstMessages.size < waitingFor) return;
  waitingFor = Infinity;
  send({ arrivedAt: performance.timeOrigin + performance.now() });
};

const server = createServer(async (request, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  if (failWith !== null) {
    refused++;
    response.writeHead(failWith).end();
    return;
  }
  const payload = JSON.parse(text) as { groupKey: string };
  if (!firstMessages.has(payload.groupKey)) firstMessages.set(payload.groupKey, text);
  arrived();
  response.writeHead(200).end();
});

process.on('message', (request: SinkRequest) => {
  if ('firstMessages' in request) return send({ firstMessages: [...firstMessages.values()] });
  if ('failWith' in request) {
    failWith = request.failWith;
    return send({ refused });
  }
  waitingFor = request.waitFor;
  arrived();
});
// The parent gone, so is the sink.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => send({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }));
