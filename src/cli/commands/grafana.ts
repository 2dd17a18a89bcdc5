import { resolve } from 'node:path';
import { GrafanaClient, GrafanaError, type GrafanaAuth } from '../../grafana/client.ts';
import { deploy, type DeployReport } from '../../grafana/deploy.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command, type CommandIO } from '../command.ts';

function authFromEnv(env: NodeJS.ProcessEnv): GrafanaAuth {
  if (env.GRAFANA_TOKEN) return { token: env.GRAFANA_TOKEN };
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) return { user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD };
  throw new UsageError('set GRAFANA_TOKEN (a service account token), or GRAFANA_USER and GRAFANA_PASSWORD');
}

function print(report: DeployReport, dryRun: boolean, io: CommandIO): void {
  const would = dryRun ? 'would be ' : '';
  io.out(`folder "${report.folder.title}": ${report.folder.created ? `${would}created` : 'exists'}\n`);
  io.out(`datasource: ${report.datasource === 'unchanged' ? 'unchanged' : `${would}${report.datasource}`}\n`);
  for (const d of report.dashboards) {
    const detail = d.changes.length ? ` (${d.changes.join(', ')})` : '';
    io.out(`dashboard ${d.uid} "${d.title}": ${d.outcome === 'unchanged' ? 'unchanged' : `${would}${d.outcome}`}${detail}\n`);
  }
}

export const grafanaCommand: Command = {
  name: 'grafana',
  summary: 'deploy generated dashboards and the datasource to Grafana, or diff against it',
  help: `Usage: alertforge grafana deploy --url URL [--folder NAME] [--dry-run]
       alertforge grafana diff --url URL [--folder NAME]

deploy creates the folder if missing, creates or updates the Prometheus datasource the panels
reference, and upserts every dashboard in generated/grafana/dashboards through Grafana's HTTP
API, printing per dashboard whether it was created, updated or unchanged. diff (or --dry-run)
prints what deploy would change and changes nothing.

Authentication: GRAFANA_TOKEN (service account token), or GRAFANA_USER and GRAFANA_PASSWORD.

Options:
  --url URL               Grafana's base URL, e.g. https://grafana.example.com
  --folder NAME           folder for the dashboards (default: alertforge)
  --prometheus-url URL    what the datasource points at (default: $PROMETHEUS_URL or http://127.0.0.1:9090)
  --dry-run               deploy: say what would change, change nothing
  --root DIR              project root (default: the current directory)
  -h, --help              this help

Exit codes: 0 success, 1 Grafana refused or could not be reached, 2 misuse.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { url: { type: 'string' }, folder: { type: 'string' }, 'dry-run': { type: 'boolean' }, root: { type: 'string' }, 'prometheus-url': { type: 'string' } },
      true,
    );
    const [sub] = positionals;
    if (sub !== 'deploy' && sub !== 'diff') throw new UsageError(sub ? `unknown subcommand "${sub}": use deploy or diff` : 'missing subcommand: deploy or diff');
    if (!values.url) throw new UsageError('--url is required');
    const dryRun = sub === 'diff' || (values['dry-run'] ?? false);
    const client = new GrafanaClient(values.url, authFromEnv(io.env));
    try {
      const report = await deploy(client, resolve(io.cwd, values.root ?? '.'), {
        folder: values.folder ?? 'alertforge',
        dryRun,
        prometheusUrl: values['prometheus-url'] ?? io.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090',
      });
      print(report, dryRun, io);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof GrafanaError || (error instanceof Error && error.message.includes('cannot reach Grafana'))) {
        io.err(`grafana ${sub}: ${error.message}\n`);
        return EXIT.finding;
      }
      throw error;
    }
  },
};
