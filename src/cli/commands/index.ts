import type { Command } from '../command.ts';
import { buildCommand } from './build.ts';
import { checkCommand } from './check.ts';
import { routesCommand } from './routes.ts';

/** Every subcommand, in the order `alertforge --help` lists them. */
export const COMMANDS: readonly Command[] = [buildCommand, checkCommand, routesCommand];
