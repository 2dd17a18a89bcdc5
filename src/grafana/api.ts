/**
 * The Grafana HTTP API endpoints deploy uses, as Grafana documents them, each with the schema of
 * its answer (only the members alertforge reads; Grafana's others pass through).
 */
import { z } from 'zod';
import type { GrafanaClient } from './client.ts';

const folderSchema = z.object({ uid: z.string(), title: z.string() });
const searchHitSchema = z.object({ uid: z.string(), title: z.string(), type: z.string() });
const dashboardJsonSchema = z.looseObject({ uid: z.string(), title: z.string(), version: z.number().optional() });
const dashboardAnswerSchema = z.object({ dashboard: dashboardJsonSchema, meta: z.looseObject({ folderUid: z.string().optional() }).optional() });
const saveAnswerSchema = z.looseObject({ uid: z.string(), version: z.number() });
const datasourceSchema = z.looseObject({ uid: z.string(), type: z.string(), url: z.string().optional(), name: z.string() });
const messageSchema = z.looseObject({ message: z.string().optional() });

export type Folder = z.infer<typeof folderSchema>;
export type RemoteDashboard = z.infer<typeof dashboardAnswerSchema>;
export type Datasource = z.infer<typeof datasourceSchema>;

export class GrafanaApi {
  constructor(private readonly client: GrafanaClient) {}

  /** The folder titled exactly `title`, found through the search API. */
  async findFolder(title: string): Promise<Folder | undefined> {
    const hits = await this.client.call('GET', `/api/search?type=dash-folder&query=${encodeURIComponent(title)}`, z.array(searchHitSchema));
    return hits.find((h) => h.type === 'dash-folder' && h.title === title);
  }

  createFolder(title: string): Promise<Folder> {
    return this.client.call('POST', '/api/folders', folderSchema, { body: { title } });
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
  saveDashboard(save: { dashboard: Record<string, unknown>; folderUid: string; message: string; overwrite: boolean }): Promise<z.infer<typeof saveAnswerSchema>> {
    return this.client.call('POST', '/api/dashboards/db', saveAnswerSchema, { body: save });
  }

  getDatasource(uid: string): Promise<Datasource | undefined> {
    return this.client.call('GET', `/api/datasources/uid/${encodeURIComponent(uid)}`, datasourceSchema, { missingOk: true });
  }

  async createDatasource(datasource: Datasource): Promise<void> {
    await this.client.call('POST', '/api/datasources', messageSchema, { body: datasource });
  }

  async updateDatasource(datasource: Datasource): Promise<void> {
    await this.client.call('PUT', `/api/datasources/uid/${encodeURIComponent(datasource.uid)}`, messageSchema, { body: datasource });
  }
}
