/**
 * The endpoints behind the signed links in messages (group-links.ts), to acknowledge or silence a
 * group from a phone. Opening a link (GET) only asks, so that link previews do nothing; the tap on
 * the page's button posts to the page's own URL, and is answered with a page. The same POST from
 * the API takes the bearer token instead of a signature, and is answered with JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isoTime, type Clock } from '../clock.ts';
import type { GroupLinkAction } from '../group-links.ts';
import type { GroupView, Notifier } from '../notifier.ts';
import { sameMatchers, silenceState } from '../pipeline/silence.ts';
import type { BearerAuth } from './auth.ts';
import { HttpError } from './http-error.ts';
import { readBody, readJson, validated } from './read-body.ts';
import { escapeHtml, sendJson, sendText } from './responses.ts';
import { saved } from './saved.ts';
import type { ApiRoute } from './route.ts';

/** How long a silence from a link lasts: the page's choices. */
const SILENCE_FOR_MS = { '1h': 3_600_000, '4h': 4 * 3_600_000, '24h': 24 * 3_600_000 } as const;

// Logged as given: a line break in it (or a line separator, or a character reversing the text
// after it) would forge a log line of its own.
const by = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, 'a name on one line, without control characters')
  .optional();
/** `withdraw` comes from the page of a group already acknowledged: its button hands the acknowledgement back. */
const ackForm = z.strictObject({ by, withdraw: z.literal('yes').optional() });
const silenceForm = z.strictObject({
  by,
  duration: z.enum(Object.keys(SILENCE_FOR_MS) as [keyof typeof SILENCE_FOR_MS]).default('1h'),
  comment: z.string().max(1000).optional(),
});

const FORM_LIMIT_BYTES = 64 * 1024;

function sendPage(response: ServerResponse, title: string, body: string): void {
  sendText(response, 200, `<!doctype html><meta name="viewport" content="width=device-width"><title>${title}</title>${body}`, 'text/html; charset=utf-8');
}

/** What a page calls a group: its labels, or its id when it groups by none; escaped. */
const groupTitle = (group: GroupView) => escapeHtml(Object.entries(group.labels).map(([k, v]) => `${k}=${v}`).join(', ') || `group ${group.id}`);

/**
 * A form's fields, from the page (URL-encoded, empty fields left out; a link's only, as its
 * signature stands for the token) or the API (JSON), validated; no body is no fields.
 */
async function readForm<T extends z.ZodType>(request: IncomingMessage, schema: T, viaLink: boolean): Promise<z.infer<T>> {
  const type = request.headers['content-type'];
  // No body is no fields; a body that does not say what it is is refused, not read as none.
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (type === undefined && !hasBody) return validated({}, schema);
  if (!viaLink || !type?.includes('application/x-www-form-urlencoded')) return readJson(request, schema, FORM_LIMIT_BYTES);
  const fields = new URLSearchParams((await readBody(request, FORM_LIMIT_BYTES)).toString('utf8'));
  return validated(Object.fromEntries([...fields].map(([name, value]) => [name, value.trim()]).filter(([, value]) => value !== '')), schema);
}

/** A person tapping the page's button reads a page; the API reads JSON. */
const wantsPage = (request: IncomingMessage) => request.headers.accept?.includes('text/html') ?? false;

/** A group gone while its request was read (it resolved). */
function gone(id: string): never {
  throw new HttpError(404, `no group ${id}: it may have resolved`);
}

/** Withdraws the acknowledgement of `target`, the group as the request found it. */
async function answerWithdrawn(notifier: Notifier, request: IncomingMessage, response: ServerResponse, target: GroupView, by: string): Promise<void> {
  if (target.acknowledged === null) throw new HttpError(409, `group ${target.id} is not acknowledged: nothing to withdraw`);
  const group = notifier.withdrawAcknowledgement(target.id, by) ?? gone(target.id);
  await saved(notifier);
  if (!wantsPage(request)) return sendJson(response, 200, group);
  sendPage(response, 'Withdrawn', `<h1>Acknowledgement withdrawn</h1><p>${groupTitle(group)}: withdrawn by ${escapeHtml(by)}. Its escalation goes on at its next step; reminders resume.</p>`);
}

export function groupLinkRoutes(notifier: Notifier, auth: BearerAuth, clock: Clock): ApiRoute[] {
  const pathOf = (action: GroupLinkAction) => new RegExp(`^/api/v1/groups/([^/]+)/${action}$`);

  /** The group a request acts on: the link's signature checked (or, without one, the token), and the group there. */
  const target = (action: GroupLinkAction, request: IncomingMessage, url: URL, id: string, allowToken: boolean): { group: GroupView; viaLink: boolean } => {
    const viaLink = url.searchParams.get('signature') !== null;
    if (viaLink || !allowToken) {
      const refusal = notifier.groupLinks.refusal(action, id, url.searchParams, notifier.groupFormedAt(id), clock.now());
      if (refusal) throw new HttpError(refusal.status, refusal.reason);
    } else auth.require(request);
    const group = notifier.group(id);
    return { group: group ?? gone(id), viaLink };
  };

  return [
    {
      method: 'POST',
      path: pathOf('ack'),
      name: 'ack',
      handle: async (q, r, url, [id]) => {
        const { group: found, viaLink } = target('ack', q, url, id!, true);
        const form = await readForm(q, ackForm, viaLink);
        const who = form.by ?? (viaLink ? 'signed link' : 'api');
        if (form.withdraw) return answerWithdrawn(notifier, q, r, found, who);
        const group = notifier.acknowledge(id!, who, viaLink ? 'link' : 'token') ?? gone(id!);
        await saved(notifier);
        if (!wantsPage(q)) return sendJson(r, 200, group);
        sendPage(r, 'Acknowledged', `<h1>Acknowledged</h1><p>${groupTitle(group)}: acknowledged by ${escapeHtml(group.acknowledged!.by)} at ${group.acknowledged!.at}. Its escalation stops; new alerts in it are still told.</p>`);
      },
    },
    {
      method: 'DELETE',
      path: pathOf('ack'),
      name: 'ack',
      handle: async (q, r, url, [id]) => {
        const { group, viaLink } = target('ack', q, url, id!, true);
        const who = (await readForm(q, ackForm, viaLink)).by ?? (viaLink ? 'signed link' : 'api');
        await answerWithdrawn(notifier, q, r, group, who);
      },
    },
    {
      method: 'GET',
      path: pathOf('ack'),
      name: 'ack',
      handle: async (q, r, url, [id]) => {
        const { group } = target('ack', q, url, id!, false);
        if (group.acknowledged) {
          return sendPage(
            r,
            'Acknowledged',
            `<h1>${groupTitle(group)}</h1><p>Already acknowledged by ${escapeHtml(group.acknowledged.by)} at ${group.acknowledged.at}.</p><form method="post"><input type="hidden" name="withdraw" value="yes"><p><label>Your name <input name="by" maxlength="200" autocomplete="name"></label></p><button>Withdraw the acknowledgement</button> <small>Its escalation goes on at its next step.</small></form>`,
          );
        }
        // No form action: the form posts to this page's own URL, under whatever path a proxy serves it.
        sendPage(r, 'Acknowledge', `<h1>Acknowledge ${groupTitle(group)}?</h1><form method="post"><p><label>Your name <input name="by" maxlength="200" autocomplete="name"></label></p><button>Acknowledge</button></form>`);
      },
    },
    {
      method: 'POST',
      path: pathOf('silence'),
      name: 'silence',
      handle: async (q, r, url, [id]) => {
        const { group, viaLink } = target('silence', q, url, id!, true);
        const form = await readForm(q, silenceForm, viaLink);
        const matchers = Object.entries(group.labels).map(([label, value]) => ({ label, op: '=' as const, value }));
        // No matcher would silence every alert.
        if (matchers.length === 0) throw new HttpError(400, `group ${id} groups by no label, so no silence can name it alone: add one with matchers (amtool silence add)`);
        const now = clock.now();
        const createdBy = form.by ?? (viaLink ? 'signed link' : 'api');
        // Tapped again by the same named person (a second look, a longer time): the silence of the
        // group's labels they made is extended, not another added; never shortened, never taken
        // from someone else (unnamed taps each add one).
        const made = form.by === undefined ? undefined : notifier.listSilences().find((s) => s.createdBy === form.by && silenceState(s, now) === 'active' && sameMatchers(s.matchers, matchers));
        const silence = notifier.putSilence({
          ...(made && { id: made.id }),
          matchers,
          startsAt: made?.startsAt ?? now,
          endsAt: Math.max(made?.endsAt ?? 0, now + SILENCE_FOR_MS[form.duration]),
          createdBy,
          comment: form.comment ?? made?.comment ?? `from a message's link, for ${form.duration}`,
        }, now);
        await saved(notifier);
        if (!wantsPage(q)) return sendJson(r, 200, { silenceID: silence.id });
        sendPage(
          r,
          'Silenced',
          `<h1>Silenced</h1><p>${groupTitle(group)}: silenced by ${escapeHtml(createdBy)} until ${isoTime(silence.endsAt)}. Its alerts are not told, and its escalation waits, until then. To end it sooner: <code>amtool silence expire ${silence.id}</code>.</p>`,
        );
      },
    },
    {
      method: 'GET',
      path: pathOf('silence'),
      name: 'silence',
      handle: async (q, r, url, [id]) => {
        const { group } = target('silence', q, url, id!, false);
        const durations = Object.keys(SILENCE_FOR_MS).map((d) => `<option>${d}</option>`).join('');
        sendPage(
          r,
          'Silence',
          `<h1>Silence ${groupTitle(group)}?</h1><p>Its alerts are not told, and its escalation waits, until the silence ends.</p><form method="post"><p><label>For <select name="duration">${durations}</select></label></p><p><label>Why <input name="comment" maxlength="1000"></label></p><p><label>Your name <input name="by" maxlength="200" autocomplete="name"></label></p><button>Silence</button></form>`,
        );
      },
    },
  ];
}
