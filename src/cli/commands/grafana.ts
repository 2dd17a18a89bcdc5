import { GrafanaApi } from '../../grafana/api.ts';
import { GrafanaClient, type GrafanaAuth } from '../../grafana/client.ts';
import { DEFAULT_PROMETHEUS_URL, deploy, DeployError, NotBuiltError, type Step } from '../../grafana/deploy.ts';
import { GRAFANA_FOLDER } from '../../sdk/conventions.ts';
import { parseCommandArgs } from '../args.ts';
import { projectRoot } from '../project-root.ts';
import { EXIT, UsageError, type Command, type CommandIO } from '../command.ts';

const AUTH_VARIABLES = 'GRAFANA_TOKEN (a service account token), or GRAFANA_USER and GRAFANA_PASSWORD';

/** Credentials come from the environment only, so they never sit in shell history or CI logs. */
function authFromEnv(env: NodeJS.ProcessEnv): GrafanaAuth {
  if (env.GRAFANA_TOKEN) return { token: env.GRAFANA_TOKEN };
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) return { user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD };
  throw new UsageError(`set ${AUTH_VARIABLES}`);
}

/** --url, an http(s) URL without credentials: they would reach shell history and every error naming the URL. */
function grafanaUrl(value: string | undefined): string {
  if (!value) throw new UsageError('--url is required, e.g. --url https://grafana.example.com');
  const url = URL.canParse(value) ? new URL(value) : undefined;
  // The value is not echoed: what is not a URL may still hold a password.
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new UsageError("--url must be Grafana's http or https URL, e.g. https://grafana.example.com");
  if (url.username || url.password) throw new UsageError(`--url must not carry credentials (user:password@host): give Grafana's URL alone and set ${AUTH_VARIABLES}`);
  return value;
}

/** What a step did (or in a dry run would do), as one line. */
function describe(step: Step, dryRun: boolean): string {
  const outcome = (o: string) => (o === 'unchanged' || !dryRun ? o : `would be ${o}`);
  const changes = (list: readonly string[]) => (list.length ? ` (${list.join(', ')})` : '');
  const differ = (list: readonly string[]) => `its ${list.join(', ')} ${list.length > 1 ? 'differ' : 'differs'}`;
  switch (step.kind) {
    case 'folder':
      return `folder "${step.title}": ${step.created ? outcome('created') : 'exists'}`;
    case 'datasource':
      if (step.outcome === 'provisioned') {
        const differs = step.changes.length ? `; ${differ(step.changes)} from what deploy would set: change them in Grafana's provisioning file` : '';
        return `datasource ${step.uid}: provisioned (read-only in Grafana), left as is${differs}`;
      }
      if (step.created) {
        const byDefault = step.created.byDefault ? ' (the default: pass --prometheus-url or set PROMETHEUS_URL to point it elsewhere)' : '';
        return `datasource ${step.uid}: ${outcome('created')}, pointing at ${step.created.url}${byDefault}`;
      }
      return `datasource ${step.uid}: ${outcome(step.outcome)}${changes(step.changes)}`;
    case 'dashboard':
      if (step.outcome === 'provisioned') {
        const differs = step.changes.length ? `; ${differ(step.changes)} from the generated one: Grafana reloads it from the provisioned files` : '';
        return `dashboard ${step.uid} "${step.title}": provisioned (Grafana holds it from a provisioning file), left as is${differs}`;
      }
      return `dashboard ${step.uid} "${step.title}": ${outcome(step.outcome)}${changes(step.changes)}`;
    case 'foreign':
      return `dashboard ${step.uid} "${step.title}": in the folder but not generated, left as is`;
  }
}

/** The steps that changed Grafana (in a dry run, that would), in a few words each. */
function changesMade(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => {
    if (s.kind === 'folder') return s.created ? [`folder "${s.title}" created`] : [];
    if ((s.kind === 'datasource' || s.kind === 'dashboard') && (s.outcome === 'created' || s.outcome === 'updated')) return [`${s.kind} ${s.uid} ${s.outcome}`];
    return [];
  });
}

export const grafanaCommand: Command = {
  name: 'grafana',
  summary: 'deploy generated dashboards and the datasource to Grafana, or diff against it',
  help: `Usage: alertforge grafana deploy --url URL [--folder NAME] [--dry-run] [--force]
       alertforge grafana diff --url URL [--folder NAME]

deploy creates the folder if missing, creates the Prometheus datasource the panels reference
(or brings its scrape interval in line, and its URL when one is given; a datasource Grafana
holds from a provisioning file is left as is), and saves every dashboard in
generated/grafana/dashboards through Grafana's HTTP API, printing each step as it is done. diff
(or --dry-run) prints what deploy would change, and changes nothing; diff exits 1 when anything
would change.

Authentication, from the environment only: GRAFANA_TOKEN (a service account token), or
GRAFANA_USER and GRAFANA_PASSWORD (basic auth).

Options:
  --url URL               Grafana's base URL, e.g. https://grafana.example.com (credentials
                          in it are refused: use the variables above)
  --folder NAME           folder for the dashboards (default: ${GRAFANA_FOLDER})
  --prometheus-url URL    what the datasource points at (default: $PROMETHEUS_URL; with
                          neither, an existing datasource keeps its URL and a new one
                          points at ${DEFAULT_PROMETHEUS_URL})
  --dry-run               deploy: say what would change, change nothing
  --force                 deploy: overwrite dashboards changed in Grafana while deploy ran (never
                          another dashboard that has the same title to Grafana)
  --root DIR              project root (default: the nearest folder from here up
                          with package.json and rules/)
  -h, --help              this help

Exit codes: 0 success (diff: nothing to change), 1 Grafana refused or could not be reached, or
diff found changes, 2 misuse.
`,
  async run(args, io: CommandIO) {
    const { values, positionals } = parseCommandArgs(
      args,
      { url: { type: 'string' }, folder: { type: 'string' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' }, root: { type: 'string' }, 'prometheus-url': { type: 'string' } },
      true,
    );
    const [sub, extra] = positionals;
    if (sub !== 'deploy' && sub !== 'diff') throw new UsageError(sub ? `unknown subcommand "${sub}": use deploy or diff` : 'missing subcommand: deploy or diff');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const root = projectRoot(io.cwd, values.root);
    const url = grafanaUrl(values.url);
    const dryRun = sub === 'diff' || (values['dry-run'] ?? false);
    const api = new GrafanaApi(new GrafanaClient(url, authFromEnv(io.env)));
    const options = { folder: values.folder ?? GRAFANA_FOLDER, dryRun, force: values.force ?? false, prometheusUrl: values['prometheus-url'] ?? io.env.PROMETHEUS_URL };
    const steps: Step[] = [];
    try {
      await deploy(api, root, options, (step) => {
        steps.push(step);
        io.out(`${describe(step, dryRun)}\n`);
      });
    } catch (error) {
      if (!(error instanceof DeployError || error instanceof NotBuiltError)) throw error;
      io.err(`grafana ${sub}: ${error.message}\n`);
      const made = dryRun ? [] : changesMade(steps);
      // Deploy cannot undo: say what Grafana now holds of this deploy, and what it lacks.
      if (made.length && error instanceof DeployError) io.err(`grafana ${sub}: stopped part-way; done: ${made.join(', ')}; not deployed: ${error.notDeployed.join(', ')}\n`);
      return EXIT.finding;
    }
    // diff answers "is Grafana in step with generated/?", so CI can fail on drift.
    return sub === 'diff' && changesMade(steps).length > 0 ? EXIT.finding : EXIT.ok;
  },
};
