/**
 * The webhook receiver of bench/notifier.ts, a process of its own as a webhook consumer is: in the
 * bench's process, reading each message would hold up the load generator, and so slow a program's
 * ingest for every message it sends. It keeps the first message of each group and answers its
 * parent (over IPC) with when the groups it waits for have all arrived, as an epoch time in
 * milliseconds (performance.timeOrigin + performance.now(), comparable across processes).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the parent asks. */
export type SinkRequest = { readonly waitFor: number } | { readonly firstMessages: true };
/** What the sink answers: first its URL, then one answer per request. */
export type SinkAnswer = { readonly url: string } | { readonly arrivedAt: number } | { readonly firstMessages: readonly string[] };

const send = (answer: SinkAnswer) => process.send!(answer);
const firstMessages = new Map<string, string>();
let waitingFor = Infinity;

const arrived = () => {
  if (firstMessages.size < waitingFor) return;
  waitingFor = Infinity;
  send({ arrivedAt: performance.timeOrigin + performance.now() });
};

const server = createServer(async (request, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  const payload = JSON.parse(text) as { groupKey: string };
  if (!firstMessages.has(payload.groupKey)) firstMessages.set(payload.groupKey, text);
  arrived();
  response.writeHead(200).end();
});

process.on('message', (request: SinkRequest) => {
  if ('firstMessages' in request) return send({ firstMessages: [...firstMessages.values()] });
  waitingFor = request.waitFor;
  arrived();
});
// The parent gone, so is the sink.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => send({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }));
