/** What alertmanager.yml and the status API say in comments of what Alertmanager cannot do. */
import { expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { alertmanagerForm } from '../../../../src/runtime/config/alertmanager-form.ts';
import { notifierConfigSchema } from '../../../../src/runtime/config/schema.ts';

it('quotes names in its comments, so that no name ends a comment line or reads as YAML', () => {
  const name = 'on-call "night" \\ #2: x';
  const config = notifierConfigSchema.parse({
    receivers: [{ name, channels: [{ type: 'webhook', url: 'http://127.0.0.1:1/hook' }], rate_limit: { messages: 1, per: '1m', burst: 1 } }],
    escalation_policies: [{ name, steps: [{ after: '0s', receivers: [name] }] }],
    route: { escalation: name },
  });
  const { document, comments } = alertmanagerForm(config);
  expect(comments).toEqual([
    expect.stringMatching(/^# escalation "on-call \\"night\\" \\\\ #2: x": on-call "night" \\ #2: x after 0s\. Alertmanager has no escalation/),
    '# receiver "on-call \\"night\\" \\\\ #2: x": its rate limit (1 per 1m) is dropped: every message is sent.',
  ]);
  expect(comments.every((comment) => !comment.includes('\n'))).toBe(true);
  expect(parse(`${comments.join('\n')}\n${stringify(document)}`)).toEqual(document);
});
