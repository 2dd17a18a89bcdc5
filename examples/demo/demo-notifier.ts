/**
 * The demo's copy of generated/notifier/notifier.yaml: every channel pointed at the local
 * receivers (SMTP server, Slack and webhook stand-ins), each receiver at its own address so a
 * delivery names it, and the timings shrunk: group in 1s, escalate a step every 10s.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { toYaml } from '../../src/compiler/emit/yaml-writer.ts';
import type { GeneratedFile } from '../../src/compiler/emit/generated-file.ts';
import { notifierConfigSchema, type Channel, type NotifierConfig, type Route } from '../../src/runtime/config/schema.ts';
import { formatDuration } from '../../src/sdk/duration.ts';
import { DEMO_MAIL_DOMAIN } from './smtp-receiver.ts';

export const NOTIFIER_CONFIG_FILE = 'generated/notifier/notifier.yaml';

export const DEMO_NOTIFIER_TIMINGS = { groupWait: '1s', groupInterval: '3s', repeatInterval: '1h', escalationStepMs: 10_000 } as const;

export interface DemoNotifierOptions {
  readonly dir: string;
  readonly files: readonly GeneratedFile[];
  readonly smtpPort: number;
  /** Base URL of the Slack and webhook stand-ins. */
  readonly httpReceivers: string;
}

export interface DemoNotifierConfig {
  readonly file: string;
  /** Environment the notifier needs: the Slack webhook URLs the config refers to. */
  readonly env: Readonly<Record<string, string>>;
  readonly config: NotifierConfig;
}

function slackEnvName(receiver: string): string {
  return `DEMO_SLACK_${receiver.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

function localChannel(channel: Channel, receiver: string, options: DemoNotifierOptions): Channel {
  switch (channel.type) {
    case 'email':
      return { ...channel, to: [`${receiver}@${DEMO_MAIL_DOMAIN}`], smarthost: { host: '127.0.0.1', port: options.smtpPort }, tls: 'none', username: undefined, password: undefined };
    case 'slack':
      return { ...channel, webhook_url: { env: slackEnvName(receiver) } };
    case 'webhook':
      return { ...channel, url: `${options.httpReceivers}/webhook/${encodeURIComponent(receiver)}`, bearer_token: undefined };
  }
}

function shortenRoute(route: Route): Route {
  return {
    ...route,
    ...(route.group_wait && { group_wait: DEMO_NOTIFIER_TIMINGS.groupWait }),
    ...(route.group_interval && { group_interval: DEMO_NOTIFIER_TIMINGS.groupInterval }),
    ...(route.repeat_interval && { repeat_interval: DEMO_NOTIFIER_TIMINGS.repeatInterval }),
    routes: route.routes.map(shortenRoute),
  };
}

export async function writeDemoNotifierConfig(options: DemoNotifierOptions): Promise<DemoNotifierConfig> {
  const generated = options.files.find((f) => f.path === NOTIFIER_CONFIG_FILE);
  if (!generated) throw new Error(`the build wrote no ${NOTIFIER_CONFIG_FILE}: declare the routing in rules/notify.ts`);
  const config = notifierConfigSchema.parse(parse(generated.content));
  const env: Record<string, string> = {};
  const demo: NotifierConfig = {
    ...config,
    receivers: config.receivers.map((receiver) => {
      if (receiver.channels.some((c) => c.type === 'slack')) env[slackEnvName(receiver.name)] = `${options.httpReceivers}/slack/${encodeURIComponent(receiver.name)}`;
      // The demo shows every message: no rate limits or digests holding some back.
      return { ...receiver, rate_limit: undefined, digest: undefined, channels: receiver.channels.map((c) => localChannel(c, receiver.name, options)) };
    }),
    escalation_policies: config.escalation_policies.map((policy) => ({
      ...policy,
      steps: policy.steps.map((step, i) => ({ ...step, after: formatDuration(i * DEMO_NOTIFIER_TIMINGS.escalationStepMs) })),
    })),
    route: {
      ...shortenRoute(config.route),
      group_wait: DEMO_NOTIFIER_TIMINGS.groupWait,
      group_interval: DEMO_NOTIFIER_TIMINGS.groupInterval,
      repeat_interval: DEMO_NOTIFIER_TIMINGS.repeatInterval,
    },
  };
  const file = join(options.dir, 'notifier.yaml');
  // The compiler's writer quotes as conservatively as generated/ needs ("09:00" stays a string).
  await writeFile(file, toYaml(JSON.parse(JSON.stringify(demo))));
  return { file, env, config: demo };
}
