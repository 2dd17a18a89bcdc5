/**
 * Reads and validates a notifier config: the schema, then the references between its parts, so a
 * config that would fail at delivery time is refused at startup and on reload instead.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { durationMs } from '../duration.ts';
import { loneSurrogateMessage, loneSurrogates } from './lone-surrogates.ts';
import { notifierConfigSchema, type NotifierConfig, type Route } from './schema.ts';

/** A config that cannot run, with every problem named by its path in the file. */
export class ConfigError extends Error {}

function routeProblems(route: Route, path: string, names: { receivers: Set<string>; policies: Set<string>; intervals: Set<string> }): string[] {
  const problems: string[] = [];
  if (route.receiver !== undefined && !names.receivers.has(route.receiver)) problems.push(`${path}.receiver: no receiver named "${route.receiver}"`);
  if (route.escalation !== undefined && !names.policies.has(route.escalation)) problems.push(`${path}.escalation: no escalation policy named "${route.escalation}"`);
  // As Alertmanager refuses them: a group flushed every instant would keep the notifier busy.
  for (const field of ['group_interval', 'repeat_interval'] as const) {
    const value = route[field];
    if (value !== undefined && durationMs(value) === 0) problems.push(`${path}.${field}: cannot be zero`);
  }
  for (const interval of [...route.mute_time_intervals, ...route.active_time_intervals]) {
    if (!names.intervals.has(interval)) problems.push(`${path}: no time interval named "${interval}"`);
  }
  route.routes.forEach((child, i) => problems.push(...routeProblems(child, `${path}.routes[${i}]`, names)));
  return problems;
}

/** Every reference in `config` that names nothing, and what the root route cannot be. */
export function referenceProblems(config: NotifierConfig): string[] {
  const names = {
    receivers: new Set(config.receivers.map((r) => r.name)),
    policies: new Set(config.escalation_policies.map((p) => p.name)),
    intervals: new Set(config.time_intervals.map((t) => t.name)),
  };
  const problems: string[] = [];
  config.escalation_policies.forEach((policy, i) =>
    policy.steps.forEach((step, j) =>
      step.receivers.forEach((receiver) => {
        if (!names.receivers.has(receiver)) problems.push(`escalation_policies[${i}].steps[${j}].receivers: no receiver named "${receiver}"`);
      }),
    ),
  );
  const root = config.route;
  if (root.receiver === undefined && root.escalation === undefined) problems.push('route: the root route needs a receiver or an escalation policy');
  // Alertmanager refuses these at the root, which takes every alert at all times.
  if (root.matchers.length > 0) problems.push('route.matchers: the root route takes every alert; move the matchers to a child route');
  if (root.continue) problems.push('route.continue: the root route has no sibling to continue to; set it on a child route');
  if (root.mute_time_intervals.length + root.active_time_intervals.length > 0) problems.push('route: the root route takes every alert at all times; set time intervals on a child route');
  problems.push(...routeProblems(config.route, 'route', names));
  return problems;
}

/** `route.routes[0].matchers[1].value`: zod's path in the notation of the reference problems above. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(root)';
}

/** `file`, when given, is where `text` was read from: the reader of a log line or a reload response cannot tell otherwise. */
export function parseNotifierConfig(text: string, file?: string): NotifierConfig {
  const refusal = (problems: readonly string[]) => new ConfigError(problems.map((problem) => (file === undefined ? problem : `${file}: ${problem}`)).join('\n'));
  let raw: unknown;
  try {
    // Merge keys (`<<: *anchor`), as Alertmanager's Go YAML reads them.
    raw = parse(text, { merge: true });
  } catch (error) {
    throw refusal([`not YAML: ${(error as Error).message}`]);
  }
  // Read from the file, where a matcher is a string: the schema's paths would be of what it makes of it.
  const surrogates = loneSurrogates(raw);
  if (surrogates.length > 0) throw refusal(surrogates.map((surrogate) => `${formatPath(surrogate.path)}: ${loneSurrogateMessage(surrogate)}`));
  const parsed = notifierConfigSchema.safeParse(raw);
  if (!parsed.success) throw refusal(parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
  const problems = referenceProblems(parsed.data);
  if (problems.length > 0) throw refusal(problems);
  return parsed.data;
}

export async function loadNotifierConfig(file: string): Promise<NotifierConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseNotifierConfig(text, file);
}
