import type { Command } from '../command.ts';

/** A subcommand, loaded only when used: the notifier alone pulls in SQLite, SMTP and HTTP clients. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<Command>;
}

/** Every subcommand, in the order `alertforge --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'build', load: async () => (await import('./build.ts')).buildCommand },
  { name: 'check', load: async () => (await import('./check.ts')).checkCommand },
  { name: 'test', load: async () => (await import('./test.ts')).testCommand },
  { name: 'routes', load: async () => (await import('./routes.ts')).routesCommand },
  { name: 'notifier', load: async () => (await import('./notifier.ts')).notifierCommand },
  { name: 'grafana', load: async () => (await import('./grafana.ts')).grafanaCommand },
];
