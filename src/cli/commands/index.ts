import type { Command } from '../command.ts';
import { buildCommand } from './build.ts';
import { checkCommand } from './check.ts';
import { grafanaCommand } from './grafana.ts';
import { notifierCommand } from './notifier.ts';
import { routesCommand } from './routes.ts';
import { testCommand } from './test.ts';

/** Every subcommand, in the order `alertforge --help` lists them. */
export const COMMANDS: readonly Command[] = [buildCommand, checkCommand, testCommand, routesCommand, notifierCommand, grafanaCommand];
