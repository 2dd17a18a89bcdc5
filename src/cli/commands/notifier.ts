import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../../runtime/config/load-config.ts';
import { runNotifier } from '../../runtime/run-notifier.ts';
import { StateFileUnusable } from '../../runtime/store/state-file-error.ts';
import { StateFileInUse } from '../../runtime/store/state-lock.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { findProjectRoot } from '../project-root.ts';

const DEFAULTS = { config: 'generated/notifier/notifier.yaml', listen: '127.0.0.1:9093', state: 'data/notifier.sqlite' } as const;

/** Where the development preset writes what it would have sent: beside the state file. */
const DEVELOPMENT_FILE = 'notifier-deliveries.jsonl';

function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new UsageError(`--listen: expected HOST:PORT such as 127.0.0.1:9093, got "${text}"`);
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

export const notifierCommand: Command = {
  name: 'notifier',
  summary: 'run the notifier: receive alerts, route, group, escalate and deliver them',
  help: `Usage: alertforge notifier [--config FILE] [--listen HOST:PORT] [--state FILE] [--external-url URL] [--preset development]

Runs the notifier: an Alertmanager-compatible API (Prometheus and amtool work against it as they
are), the routing, grouping, escalation and delivery of generated/notifier/notifier.yaml, and its
state in a SQLite file that survives restarts. SIGHUP or POST /-/reload reloads the config; an
invalid one is refused and the running one kept.

Options (each also from the environment variable in brackets; the default files are the project's,
found from the current folder up as the other commands find it, or else the current folder's):
  --config FILE        notifier config (default ${DEFAULTS.config}) [ALERTFORGE_NOTIFIER_CONFIG]
  --listen HOST:PORT   API address (default ${DEFAULTS.listen}) [ALERTFORGE_NOTIFIER_LISTEN]
  --state FILE         SQLite state file (default ${DEFAULTS.state}) [ALERTFORGE_NOTIFIER_STATE]
  --external-url URL   base of the links in messages (default http://<listen>) [ALERTFORGE_EXTERNAL_URL]
  --preset development deliver every message to the console and to ${DEVELOPMENT_FILE} beside
                       the state file, instead of sending it [ALERTFORGE_NOTIFIER_PRESET]
  --ingest-requires-token  POST /api/v2/alerts needs the token too [ALERTFORGE_INGEST_REQUIRES_TOKEN=true]
  -h, --help           this help

Environment:
  ALERTFORGE_API_TOKEN  bearer token for silences, acknowledgements and reload (ingest too with
                        --ingest-requires-token); unset, those endpoints are open.

Exit codes: 0 stopped by SIGTERM or SIGINT, 1 the config is invalid, the address is taken or the state
file is in use or cannot be used, 2 misuse.
`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      config: { type: 'string' },
      listen: { type: 'string' },
      state: { type: 'string' },
      'external-url': { type: 'string' },
      preset: { type: 'string' },
      'ingest-requires-token': { type: 'boolean' },
    });
    const env = io.env;
    const preset = values.preset ?? env.ALERTFORGE_NOTIFIER_PRESET;
    if (preset !== undefined && preset !== 'development') throw new UsageError(`--preset: the only preset is "development", got "${preset}"`);
    const { host, port } = parseListen(values.listen ?? env.ALERTFORGE_NOTIFIER_LISTEN ?? DEFAULTS.listen);
    const externalURL = values['external-url'] ?? env.ALERTFORGE_EXTERNAL_URL;
    if (externalURL !== undefined && !URL.canParse(externalURL)) throw new UsageError(`--external-url: not a URL: "${externalURL}"`);
    const log = (line: string) => io.err(`${new Date().toISOString()} ${line}\n`);
    // Paths given are the user's, from here; the defaults are the project's, as the other commands
    // find it from a subfolder, or here where there is no project (a server with the config alone).
    const defaultsDir = findProjectRoot(io.cwd) ?? io.cwd;
    const path = (given: string | undefined, fallback: string) => (given !== undefined ? resolve(io.cwd, given) : resolve(defaultsDir, fallback));
    const stateFile = path(values.state ?? env.ALERTFORGE_NOTIFIER_STATE, DEFAULTS.state);
    // Read from a mounted file, a token ends in a newline that no client sends: every write refused.
    const apiToken = env.ALERTFORGE_API_TOKEN?.trim();
    if (apiToken === '') throw new UsageError('ALERTFORGE_API_TOKEN is set but empty (a secret not mounted?): give it the token, or unset it to leave silences, acknowledgements and reload open to anyone');
    let running;
    try {
      running = await runNotifier({
        configFile: path(values.config ?? env.ALERTFORGE_NOTIFIER_CONFIG, DEFAULTS.config),
        host,
        port,
        stateFile,
        ...(externalURL !== undefined && { externalURL }),
        ...(preset === 'development' && { developmentFile: join(dirname(stateFile), DEVELOPMENT_FILE) }),
        ...(apiToken !== undefined && { apiToken }),
        ingestRequiresToken: values['ingest-requires-token'] ?? env.ALERTFORGE_INGEST_REQUIRES_TOKEN === 'true',
        env,
        log,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (error instanceof ConfigError || error instanceof StateFileInUse || error instanceof StateFileUnusable || code === 'EADDRINUSE' || code === 'EACCES') {
        io.err(`alertforge notifier: ${error instanceof ConfigError ? `invalid config:\n${error.message}` : (error as Error).message}\n`);
        return EXIT.finding;
      }
      throw error;
    }
    io.out(`alertforge notifier listening on ${running.url}\n`);
    const started = running;
    const onHup = () => void started.reload().catch((error: unknown) => log(`reload failed: ${(error as Error).stack ?? String(error)}`));
    process.on('SIGHUP', onHup);
    await new Promise<void>((done) => {
      process.once('SIGTERM', done);
      process.once('SIGINT', done);
    });
    process.off('SIGHUP', onHup);
    await started.stop();
    return EXIT.ok;
  },
};
