/** A secret held in an environment variable: the only way a secret enters the config. */
export interface EnvRef {
  readonly kind: 'env';
  /** The variable's name, e.g. `SLACK_SYNC_WEBHOOK_URL`. */
  readonly env: string;
}

/** Refers to a secret by the environment variable that holds it at run time. */
export function env(name: string): EnvRef {
  return { kind: 'env', env: name };
}

export function isEnvRef(value: unknown): value is EnvRef {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'env';
}
