/** Answers: JSON, text or a page of a known length, or a long JSON array a slice at a time. */
import type { ServerResponse } from 'node:http';

/** Items of a long JSON array made and written in one turn of the event loop. */
const ITEMS_PER_TURN = 250;

/**
 * A long JSON array (every group, every alert), made and written a slice at a time with the event
 * loop free between slices: with 10,000 groups one answer was 15 MB made in one go, 1.5 s in which
 * nothing was taken in or sent, at every poll of a dashboard. An item gone meanwhile (its JSON
 * undefined) is left out.
 */
export async function sendJsonArray<T>(response: ServerResponse, items: readonly T[], toJson: (item: T) => unknown): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/json' });
  let opened = false;
  for (let start = 0; start < items.length; start += ITEMS_PER_TURN) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    // The client has gone: the rest is for no one.
    if (response.destroyed) return;
    let chunk = '';
    for (let i = start; i < Math.min(start + ITEMS_PER_TURN, items.length); i++) {
      const json = toJson(items[i]!);
      if (json === undefined) continue;
      chunk += `${opened ? ',' : '['}${JSON.stringify(json)}`;
      opened = true;
    }
    if (chunk !== '') response.write(chunk);
  }
  response.end(opened ? ']' : '[]');
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

export function sendText(response: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) }).end(text);
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
