/**
 * Deploys generated/grafana/dashboards to a Grafana: the folder (created if missing), the Prometheus
 * datasource every panel references (created, or brought in line), and each dashboard saved with a
 * message naming its source. A dry run (and `diff`) reads the same and says what would change.
 * Each step is reported as it is done, so that a deploy that fails part-way has said what it did.
 *
 * Saves carry the version deploy read, without overwrite: if the dashboard changes in Grafana in
 * between (another deploy racing this one), Grafana answers 412 rather than losing that change
 * silently. `force` overwrites whatever is there, but never another dashboard whose title Grafana
 * does not tell apart from ours: that is refused before anything is saved.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GRAFANA_DASHBOARDS_DIR, GRAFANA_DATASOURCE_UID, GRAFANA_PROVISIONING_DIR } from '../sdk/conventions.ts';
import type { Datasource, Folder, GrafanaApi } from './api.ts';
import { GrafanaError, GrafanaUnreachableError } from './client.ts';
import { datasourceDifferences, differences } from './differences.ts';
import { grafanaSlug } from './slug.ts';

/** Where the datasource points when deploy creates it and no URL was given. */
export const DEFAULT_PROMETHEUS_URL = 'http://127.0.0.1:9090';

export type Outcome = 'created' | 'updated' | 'unchanged';

export interface DeployOptions {
  /** The folder's title. */
  readonly folder: string;
  /** Read and compare only; change nothing. */
  readonly dryRun: boolean;
  /** Overwrite dashboards even when they changed in Grafana since they were read. */
  readonly force: boolean;
  /** The Prometheus URL the datasource points at, when one was given: without it, an existing datasource keeps its own. */
  readonly prometheusUrl: string | undefined;
}

/** One step of a deploy, reported once done (in a dry run, once it is known what it would do). */
export type Step =
  | { readonly kind: 'folder'; readonly title: string; readonly created: boolean }
  | {
      readonly kind: 'datasource';
      readonly uid: string;
      /** `provisioned`: Grafana holds it read-only, from a provisioning file, so it was left as is. */
      readonly outcome: Outcome | 'provisioned';
      /** Fields that differ from what deploy wants (for `provisioned`, those it could not change). */
      readonly changes: readonly string[];
      /** Where a created datasource points, and whether that is the default rather than a URL given. */
      readonly created?: { readonly url: string; readonly byDefault: boolean };
    }
  /** `provisioned`: Grafana holds it from a provisioning file and refuses to save over it, so it was left as is. */
  | { readonly kind: 'dashboard'; readonly uid: string; readonly title: string; readonly outcome: Outcome | 'provisioned'; readonly changes: readonly string[] }
  /** A dashboard in the folder that alertforge did not generate: left as it is. */
  | { readonly kind: 'foreign'; readonly uid: string; readonly title: string };

/** generated/grafana is missing or not alertforge's: the fix is a build. */
export class NotBuiltError extends Error {}

/** A deploy stopped at a step: the message names what it was deploying, and which dashboards it did not reach. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly notDeployed: readonly string[],
  ) {
    super(message);
  }
}

const generatedDashboardSchema = z.looseObject({ uid: z.string(), title: z.string(), __generated: z.string() });
type GeneratedDashboard = z.infer<typeof generatedDashboardSchema>;

/** The datasource as the generated provisioning file declares it; deploy creates the same. */
const provisioningSchema = z.object({
  datasources: z.array(z.looseObject({ uid: z.string(), name: z.string(), type: z.string(), access: z.string(), jsonData: z.object({ timeInterval: z.string() }) })),
});
const DATASOURCES_FILE = `${GRAFANA_PROVISIONING_DIR}/datasources.yaml`;

/** A file alertforge generated, parsed and checked; anything else is a stale or broken build. */
async function readGenerated<T>(root: string, path: string, format: 'JSON' | 'YAML', schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(join(root, path), 'utf8');
  } catch {
    throw new NotBuiltError(`no ${path} in ${root}: run \`alertforge build\` first`);
  }
  let content: unknown;
  try {
    content = format === 'JSON' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new NotBuiltError(`${path} is not valid ${format} (${(error as Error).message.split('\n')[0]}): run \`alertforge build\` to rewrite it`);
  }
  const parsed = schema.safeParse(content);
  if (!parsed.success) throw new NotBuiltError(`${path} is not what alertforge generates: run \`alertforge build\` to rewrite it`);
  return parsed.data;
}

/** The generated dashboards, by file name; each must be one alertforge wrote. */
async function readGeneratedDashboards(root: string): Promise<GeneratedDashboard[]> {
  let files: string[];
  try {
    files = (await readdir(join(root, GRAFANA_DASHBOARDS_DIR))).filter((f) => f.endsWith('.json')).sort();
  } catch {
    throw new NotBuiltError(`no ${GRAFANA_DASHBOARDS_DIR} in ${root}: run \`alertforge build\` first`);
  }
  return Promise.all(files.map((f) => readGenerated(root, `${GRAFANA_DASHBOARDS_DIR}/${f}`, 'JSON', generatedDashboardSchema)));
}

/** The datasource the panels reference, as generated/grafana/provisioning declares it (with the project's scrape interval). */
async function readGeneratedDatasource(root: string): Promise<Datasource> {
  const { datasources } = await readGenerated(root, DATASOURCES_FILE, 'YAML', provisioningSchema);
  const declared = datasources.find((d) => d.uid === GRAFANA_DATASOURCE_UID);
  if (!declared) throw new NotBuiltError(`${DATASOURCES_FILE} declares no datasource ${GRAFANA_DATASOURCE_UID}: run \`alertforge build\` to rewrite it`);
  const { uid, name, type, access, jsonData } = declared;
  return { uid, name, type, access, jsonData };
}

/** The save message: which sources the dashboard came from, as the generated notice names them. */
function saveMessage(dashboard: GeneratedDashboard): string {
  const sources = /^Generated by alertforge from (.*?)\. Do not edit/.exec(dashboard.__generated)?.[1] ?? dashboard.uid;
  return `Deployed by alertforge from ${sources}`.slice(0, 500);
}

/**
 * Refuses, before anything is saved, a dashboard whose title Grafana would take for another's in
 * the folder: Grafana refuses that save (412), and with overwrite puts ours onto the other one,
 * replacing it. Dashboards are followed in save order, as each save changes the folder's titles.
 */
function refuseTitleClashes(dashboards: readonly GeneratedDashboard[], inFolder: readonly { uid: string; title: string }[], folder: string): void {
  const titles = new Map(inFolder.map((d) => [d.uid, d.title]));
  for (const dashboard of dashboards) {
    const slug = grafanaSlug(dashboard.title);
    const other = [...titles].find(([uid, title]) => uid !== dashboard.uid && grafanaSlug(title) === slug);
    if (other) {
      throw new DeployError(
        `dashboard ${dashboard.uid} "${dashboard.title}": folder "${folder}" holds dashboard ${other[0]} "${other[1]}", whose title Grafana does not tell apart from it (both are "${slug}" to Grafana): Grafana would refuse the save, or with --force replace ${other[0]} with it\n  hint: retitle one of them, or move ${other[0]} to another folder`,
        dashboards.map((d) => d.uid),
      );
    }
    titles.set(dashboard.uid, dashboard.title);
  }
}

async function ensureDatasource(api: GrafanaApi, generated: Datasource, options: DeployOptions): Promise<Step & { kind: 'datasource' }> {
  const existing = await api.getDatasource(generated.uid);
  if (!existing) {
    const url = options.prometheusUrl ?? DEFAULT_PROMETHEUS_URL;
    if (!options.dryRun) await api.createDatasource({ ...generated, url });
    return { kind: 'datasource', uid: generated.uid, outcome: 'created', changes: [], created: { url, byDefault: options.prometheusUrl === undefined } };
  }
  // Only what the panels depend on; the URL only when one was given, as it may point where an
  // admin set it (a default here would break every panel).
  const wanted = { type: generated.type, url: options.prometheusUrl, jsonData: generated.jsonData };
  const changes = datasourceDifferences(existing, wanted);
  const report = (outcome: Outcome | 'provisioned') => ({ kind: 'datasource' as const, uid: generated.uid, outcome, changes });
  // Grafana refuses to change a provisioned datasource; its provisioning file is where to change it.
  if (existing.readOnly) return report('provisioned');
  if (changes.length === 0) return report('unchanged');
  // Keep what an admin set (auth, timeouts, other jsonData); change only what differs.
  if (!options.dryRun) await api.updateDatasource({ ...existing, type: generated.type, url: options.prometheusUrl ?? existing.url, jsonData: { ...existing.jsonData, ...generated.jsonData } });
  return report('updated');
}

export async function deploy(api: GrafanaApi, root: string, options: DeployOptions, report: (step: Step) => void): Promise<void> {
  const dashboards = await readGeneratedDashboards(root);
  const datasource = await readGeneratedDatasource(root);
  let reached = 0;
  // A Grafana failure names what was being deployed, and which dashboards were not reached.
  const step = async <T>(subject: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof GrafanaError || error instanceof GrafanaUnreachableError)) throw error;
      throw new DeployError(`${subject}: ${error.message}`, dashboards.slice(reached).map((d) => d.uid));
    }
  };

  const folderSubject = `folder "${options.folder}"`;
  const existing = await step(folderSubject, () => api.findFolder(options.folder));
  const inFolder = existing ? await step(folderSubject, () => api.dashboardsIn(existing.uid)) : [];
  refuseTitleClashes(dashboards, inFolder, options.folder);
  const folder: Folder | undefined = existing ?? (options.dryRun ? undefined : await step(folderSubject, () => api.createFolder(options.folder)));
  report({ kind: 'folder', title: options.folder, created: !existing });

  report(await step(`datasource ${datasource.uid}`, () => ensureDatasource(api, datasource, options)));

  for (const dashboard of dashboards) {
    const change = await step(`dashboard ${dashboard.uid} "${dashboard.title}"`, async () => {
      const remote = await api.getDashboard(dashboard.uid);
      // Without a folder yet (a dry run that would create it), every existing dashboard would move.
      const moved = remote && (!folder || remote.meta?.folderUid !== folder.uid) ? ['folder'] : [];
      const changes = remote ? [...moved, ...differences(remote.dashboard, dashboard)] : [];
      const outcome: Outcome = !remote ? 'created' : changes.length ? 'updated' : 'unchanged';
      if (remote?.meta?.provisioned) return { kind: 'dashboard' as const, uid: dashboard.uid, title: dashboard.title, outcome: 'provisioned' as const, changes };
      if (outcome !== 'unchanged' && !options.dryRun) {
        const saved = { ...dashboard, id: remote?.dashboard.id ?? null, ...(remote?.dashboard.version === undefined ? {} : { version: remote.dashboard.version }) };
        await api.saveDashboard({ dashboard: saved, folderUid: folder!.uid, message: saveMessage(dashboard), overwrite: options.force });
      }
      return { kind: 'dashboard' as const, uid: dashboard.uid, title: dashboard.title, outcome, changes };
    });
    reached++;
    report(change);
  }

  const generated = new Set(dashboards.map((d) => d.uid));
  for (const d of [...inFolder].sort((a, b) => a.uid.localeCompare(b.uid))) if (!generated.has(d.uid)) report({ kind: 'foreign', ...d });
}
