/**
 * Type-level tests of the notify SDK: each @ts-expect-error line is a mistake that must be a
 * compile error (tsc fails on an unused @ts-expect-error too).
 */
import { email, env, escalationPolicy, receiver, route, slack, timeInterval, webhook } from '../../src/sdk/index.ts';

const team = receiver({ name: 'team', channels: [slack({ webhookUrl: env('SLACK_URL') })] });

// @ts-expect-error a Slack webhook URL is a credential: only env('NAME') is accepted
slack({ webhookUrl: 'https://hooks.example.com/x' });
// @ts-expect-error an SMTP password only from the environment
email({ to: ['a@example.com'], from: 'b@example.com', host: 'smtp', password: 'hunter22' });
// @ts-expect-error a bearer token only from the environment
webhook({ url: 'https://example.com', bearerToken: 'abc' });
// @ts-expect-error `10 min` is not a duration
escalationPolicy({ name: 'p', steps: [{ after: '10 min', notify: [team] }] });
// @ts-expect-error groupWait is a duration
route({ receiver: team, groupWait: 30 });
// @ts-expect-error 'mon' is not a weekday
timeInterval({ name: 'hours', weekdays: ['mon'] });
// @ts-expect-error TLS is one of tls, starttls, none
email({ to: ['a@example.com'], from: 'b@example.com', host: 'smtp', tls: 'ssl' });
// @ts-expect-error a route names a receiver or an escalation policy, not both
route({ receiver: team, escalation: escalationPolicy({ name: 'p', steps: [{ after: '0s', notify: [team] }] }) });

// Valid to Alertmanager, so valid here: months by number, names capitalized, three-unit durations.
timeInterval({ name: 'q1', weekdays: ['Monday:Friday'], months: [1, '1:3', 'December', 'january:March'] });
escalationPolicy({ name: 'slow', steps: [{ after: '0s', notify: [team] }, { after: '1h30m15s', notify: [team] }] });
// @ts-expect-error a month is named in full
timeInterval({ name: 'q1', months: ['jan'] });
