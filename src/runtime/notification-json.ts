/**
 * A notification as JSON, made once per notification: the outbox stores it and the webhook sends
 * it, and serializing every message twice was a fifth of the event loop's work in a burst.
 */
import type { Notification } from './notification.ts';

const encoded = new WeakMap<Notification, string>();

export function notificationJson(notification: Notification): string {
  let json = encoded.get(notification);
  if (json === undefined) {
    json = JSON.stringify(notification);
    encoded.set(notification, json);
  }
  return json;
}
