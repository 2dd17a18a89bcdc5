/**
 * The Grafana HTTP API endpoints deploy uses, as Grafana documents them, each with the schema of
 * its answer (only the members alertforge reads; Grafana's others pass through). Each create or
 * save says how to read back whether Grafana did it, so that the client does not repeat one whose
 * answer was lost.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { GrafanaClient } from './client.ts';
import { datasourceDifferences, differences } from './differences.ts';

const folderSchema = z.object({ uid: z.string(), title: z.string() });
/** `folderUid`: the folder it is in; a folder's own, with nested folders, is its parent's. */
const searchHitSchema = z.object({ uid: z.string(), title: z.string(), type: z.string(), folderUid: z.string().optional() });
const dashboardJsonSchema = z.looseObject({ uid: z.string(), title: z.string(), version: z.number().optional() });
const dashboardAnswerSchema = z.object({ dashboard: dashboardJsonSchema, meta: z.looseObject({ folderUid: z.string().optional(), provisioned: z.boolean().optional() }).optional() });
const saveAnswerSchema = z.looseObject({ uid: z.string(), version: z.number() });
const datasourceSchema = z.looseObject({
  uid: z.string(),
  type: z.string(),
  name: z.string(),
  url: z.string().optional(),
  /** Set by Grafana on a datasource from a provisioning file: it refuses to change it (403). */
  readOnly: z.boolean().optional(),
  jsonData: z.record(z.string(), z.unknown()).nullish(),
});
const messageSchema = z.looseObject({ message: z.string().optional() });

export type Folder = z.infer<typeof folderSchema>;
export type RemoteDashboard = z.infer<typeof dashboardAnswerSchema>;
export type Datasource = z.infer<typeof datasourceSchema>;
export interface DashboardSave {
  readonly dashboard: { readonly uid: string } & Record<string, unknown>;
  readonly folderUid: string;
  readonly message: string;
  readonly overwrite: boolean;
}

export class GrafanaApi {
  constructor(private readonly client: GrafanaClient) {}

  /**
   * The top-level folder titled exactly `title`, found through the search API, which with nested
   * folders also finds folders of that title inside others; createFolder makes a top-level one.
   */
  async findFolder(title: string): Promise<Folder | undefined> {
    const hits = await this.client.call('GET', `/api/search?type=dash-folder&query=${encodeURIComponent(title)}`, z.array(searchHitSchema));
    return hits.find((h) => h.type === 'dash-folder' && h.title === title && !h.folderUid);
  }

  getFolder(uid: string): Promise<Folder | undefined> {
    return this.client.call('GET', `/api/folders/${encodeURIComponent(uid)}`, folderSchema, { missingOk: true });
  }

  createFolder(title: string): Promise<Folder> {
    // A uid of our own, rather than Grafana's, names the folder to read back if the answer is lost.
    const uid = randomBytes(9).toString('base64url');
    return this.client.call('POST', '/api/folders', folderSchema, { body: { uid, title }, readBack: () => this.getFolder(uid) });
  }

  /** Dashboards in a folder, by the search API. */
  async dashboardsIn(folderUid: string): Promise<{ uid: string; title: string }[]> {
    const hits = await this.client.call('GET', `/api/search?type=dash-db&folderUIDs=${encodeURIComponent(folderUid)}`, z.array(searchHitSchema));
    return hits.filter((h) => h.type === 'dash-db').map(({ uid, title }) => ({ uid, title }));
  }

  getDashboard(uid: string): Promise<RemoteDashboard | undefined> {
    return this.client.call('GET', `/api/dashboards/uid/${encodeURIComponent(uid)}`, dashboardAnswerSchema, { missingOk: true });
  }

  /**
   * POST /api/dashboards/db. With `version` (the one read) and no overwrite, Grafana refuses with
   * 412 when the dashboard changed since; with `overwrite`, it replaces whatever is there.
   */
  saveDashboard(save: DashboardSave): Promise<z.infer<typeof saveAnswerSchema>> {
    const { uid } = save.dashboard;
    const readBack = async () => {
      const now = await this.getDashboard(uid);
      const holdsSave = now && now.meta?.folderUid === save.folderUid && differences(now.dashboard, save.dashboard).length === 0;
      return holdsSave ? { uid, version: now.dashboard.version ?? 0 } : undefined;
    };
    return this.client.call('POST', '/api/dashboards/db', saveAnswerSchema, { body: save, readBack });
  }

  getDatasource(uid: string): Promise<Datasource | undefined> {
    return this.client.call('GET', `/api/datasources/uid/${encodeURIComponent(uid)}`, datasourceSchema, { missingOk: true });
  }

  async createDatasource(datasource: Datasource): Promise<void> {
    const readBack = async () => {
      const now = await this.getDatasource(datasource.uid);
      return now && datasourceDifferences(now, datasource).length === 0 ? { message: 'Datasource added' } : undefined;
    };
    await this.client.call('POST', '/api/datasources', messageSchema, { body: datasource, readBack });
  }

  async updateDatasource(datasource: Datasource): Promise<void> {
    await this.client.call('PUT', `/api/datasources/uid/${encodeURIComponent(datasource.uid)}`, messageSchema, { body: datasource });
  }
}
