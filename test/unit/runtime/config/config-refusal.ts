/** What the notifier says of a config: the refusal's message, or undefined when it takes the config. */
import { stringify } from 'yaml';
import { ConfigError, parseNotifierConfig } from '../../../../src/runtime/config/load-config.ts';

export function configRefusal(config: unknown): string | undefined {
  try {
    parseNotifierConfig(stringify(config));
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return undefined;
}
