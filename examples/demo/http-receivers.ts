/**
 * Local stand-ins for Slack incoming webhooks and a generic webhook consumer: one node:http server,
 * POST /slack/<receiver> and POST /webhook/<receiver>. Each post becomes a delivery.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { findAckLink, oneLine, statusOf, type DeliveryLog } from './deliveries.ts';

/** What the demo reads of a Slack message: its text, or its first attachment's. */
const slackMessage = z.object({
  text: z.string().optional(),
  attachments: z.array(z.object({ title: z.string().optional(), text: z.string().optional(), fallback: z.string().optional() }).passthrough()).optional(),
}).passthrough();

/** What the demo reads of Alertmanager's webhook payload. */
const webhookPayload = z.object({
  version: z.literal('4'),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  commonAnnotations: z.record(z.string(), z.string()),
  alerts: z.array(z.object({ annotations: z.record(z.string(), z.string()) }).passthrough()),
}).passthrough();

async function body(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

export interface HttpReceivers {
  /** e.g. http://127.0.0.1:PORT; Slack posts to <url>/slack/<receiver>, webhooks to <url>/webhook/<receiver>. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startHttpReceivers(log: DeliveryLog): Promise<HttpReceivers> {
  const server = createServer(async (request, response) => {
    const match = /^\/(slack|webhook)\/([^/]+)$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) {
      response.writeHead(404).end();
      return;
    }
    const text = await body(request);
    const receiver = decodeURIComponent(match[2]!);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      response.writeHead(400).end('not JSON');
      return;
    }
    if (match[1] === 'slack') {
      const parsed = slackMessage.safeParse(json);
      if (!parsed.success) return void response.writeHead(400).end(parsed.error.message);
      const first = parsed.data.attachments?.[0];
      const headline = parsed.data.text ?? first?.title ?? first?.fallback ?? first?.text ?? '';
      log.add({ channel: 'slack', receiver, status: statusOf(headline), summary: oneLine(headline), ackLink: findAckLink(text), at: new Date() });
      response.writeHead(200).end('ok');
      return;
    }
    const parsed = webhookPayload.safeParse(json);
    if (!parsed.success) return void response.writeHead(400).end(parsed.error.message);
    const payload = parsed.data;
    const summary = payload.commonAnnotations.summary ?? payload.alerts.map((a) => a.annotations.summary).join('; ');
    log.add({ channel: 'webhook', receiver, status: payload.status, summary: oneLine(summary), ackLink: findAckLink(text), at: new Date() });
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
