import { resolve } from 'node:path';
import { GrafanaApi } from '../../grafana/api.ts';
import { GrafanaClient, GrafanaError, GrafanaUnreachableError, type GrafanaAuth } from '../../grafana/client.ts';
import { deploy, NotBuiltError, type DeployReport } from '../../grafana/deploy.ts';
import { GRAFANA_DATASOURCE_UID, GRAFANA_FOLDER } from '../../sdk/conventions.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command, type CommandIO } from '../command.ts';

/** Credentials come from the environment only, so they never sit in shell history or CI logs. */
function authFromEnv(env: NodeJS.ProcessEnv): GrafanaAuth {
  if (env.GRAFANA_TOKEN) return { token: env.GRAFANA_TOKEN };
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) return { user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD };
  throw new UsageError('set GRAFANA_TOKEN (a service account token), or GRAFANA_USER and GRAFANA_PASSWORD');
}

function print(report: DeployReport, dryRun: boolean, io: CommandIO): void {
  const outcome = (o: string) => (o === 'unchanged' || !dryRun ? o : `would be ${o}`);
  io.out(`folder "${report.folder.title}": ${report.folder.created ? outcome('created') : 'exists'}\n`);
  io.out(`datasource ${GRAFANA_DATASOURCE_UID}: ${outcome(report.datasource)}\n`);
  for (const d of report.dashboards) io.out(`dashboard ${d.uid} "${d.title}": ${outcome(d.outcome)}${d.changes.length ? ` (${d.changes.join(', ')})` : ''}\n`);
  for (const d of report.foreign) io.out(`dashboard ${d.uid} "${d.title}": in the folder but not generated, left as is\n`);
}

export const grafanaCommand: Command = {
  name: 'grafana',
  summary: 'deploy generated dashboards and the datasource to Grafana, or diff against it',
  help: `Usage: alertforge grafana deploy --url URL [--folder NAME] [--dry-run] [--force]
       alertforge grafana diff --url URL [--folder NAME]

deploy creates the folder if missing, creates or updates the Prometheus datasource the panels
reference, and saves every dashboard in generated/grafana/dashboards through Grafana's HTTP API,
printing per dashboard whether it was created, updated or unchanged. diff (or --dry-run) prints
what deploy would change, and changes nothing; diff exits 1 when anything would change.

Authentication, from the environment only: GRAFANA_TOKEN (a service account token), or
GRAFANA_USER and GRAFANA_PASSWORD (basic auth).

Options:
  --url URL               Grafana's base URL, e.g. https://grafana.example.com
  --folder NAME           folder for the dashboards (default: ${GRAFANA_FOLDER})
  --prometheus-url URL    what the datasource points at (default: $PROMETHEUS_URL or http://127.0.0.1:9090)
  --dry-run               deploy: say what would change, change nothing
  --force                 deploy: overwrite dashboards changed in Grafana while deploy ran
  --root DIR              project root (default: the current directory)
  -h, --help              this help

Exit codes: 0 success (diff: nothing to change), 1 Grafana refused or could not be reached, or
diff found changes, 2 misuse.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { url: { type: 'string' }, folder: { type: 'string' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' }, root: { type: 'string' }, 'prometheus-url': { type: 'string' } },
      true,
    );
    const [sub, extra] = positionals;
    if (sub !== 'deploy' && sub !== 'diff') throw new UsageError(sub ? `unknown subcommand "${sub}": use deploy or diff` : 'missing subcommand: deploy or diff');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (!values.url) throw new UsageError('--url is required, e.g. --url https://grafana.example.com');
    if (!URL.canParse(values.url)) throw new UsageError(`--url ${values.url} is not a URL`);
    const dryRun = sub === 'diff' || (values['dry-run'] ?? false);
    const api = new GrafanaApi(new GrafanaClient(values.url, authFromEnv(io.env)));
    try {
      const report = await deploy(api, resolve(io.cwd, values.root ?? '.'), {
        folder: values.folder ?? GRAFANA_FOLDER,
        dryRun,
        force: values.force ?? false,
        prometheusUrl: values['prometheus-url'] ?? io.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090',
      });
      print(report, dryRun, io);
      // diff answers "is Grafana in step with generated/?", so CI can fail on drift.
      const drifted = report.folder.created || report.datasource !== 'unchanged' || report.dashboards.some((d) => d.outcome !== 'unchanged');
      return sub === 'diff' && drifted ? EXIT.finding : EXIT.ok;
    } catch (error) {
      if (!(error instanceof GrafanaError || error instanceof GrafanaUnreachableError || error instanceof NotBuiltError)) throw error;
      io.err(`grafana ${sub}: ${error.message}\n`);
      return EXIT.finding;
    }
  },
};
