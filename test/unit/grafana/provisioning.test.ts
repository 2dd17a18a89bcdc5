/** generated/grafana/provisioning/datasources.yaml: the datasource carries the project's scrape interval. */
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compile } from '../../../src/compiler/build.ts';
import { createProject, FIXTURE_METRICS, removeProjects } from '../../support/project-fixture.ts';

afterEach(removeProjects);

const DASHBOARD = `import { dashboard, panel, query, row } from 'alertforge';
export const d = dashboard({ uid: 'ops', title: 'Ops', rows: [row('r', [panel.timeseries({ title: 'Depth', queries: [query('queue_depth')] })])] });`;

async function datasourceOf(prometheus: string | undefined): Promise<{ header: string; datasource: Record<string, unknown> }> {
  const project = createProject({
    'rules/metrics.ts': FIXTURE_METRICS,
    'dashboards/ops.ts': DASHBOARD,
    ...(prometheus ? { 'rules/prometheus.ts': `import { prometheusConfig } from 'alertforge';\nexport const p = prometheusConfig(${prometheus});` } : {}),
  });
  const result = await compile(project.root, { typecheck: false });
  expect(result.diagnostics.errors).toEqual([]);
  const content = result.files.find((f) => f.path === 'generated/grafana/provisioning/datasources.yaml')!.content;
  return { header: content.split('\n')[0]!, datasource: (parse(content) as { datasources: Record<string, unknown>[] }).datasources[0]! };
}

describe('the provisioned datasource', () => {
  it("sets Grafana's scrape interval (timeInterval) to the project's, naming the prometheusConfig as a source", async () => {
    const { header, datasource } = await datasourceOf(`{ scrapeInterval: '1m', scrapeJobs: [{ name: 'app', targets: ['127.0.0.1:8080'] }], alertmanagers: ['127.0.0.1:9093'] }`);
    expect(datasource).toMatchObject({ uid: 'alertforge-prometheus', jsonData: { timeInterval: '1m' } });
    expect(header).toContain('rules/prometheus.ts');
  });

  it('takes the longest scrape interval of any job, in one unit as Grafana reads intervals', async () => {
    const { datasource } = await datasourceOf(
      `{ scrapeInterval: '15s', scrapeJobs: [{ name: 'app', targets: ['127.0.0.1:8080'] }, { name: 'slow', targets: ['127.0.0.1:9100'], scrapeInterval: '1m30s' }], alertmanagers: ['127.0.0.1:9093'] }`,
    );
    expect(datasource).toMatchObject({ jsonData: { timeInterval: '90s' } });
  });

  it("without a prometheusConfig, assumes Prometheus' default of 1m, as the lint does", async () => {
    expect((await datasourceOf(undefined)).datasource).toMatchObject({ jsonData: { timeInterval: '1m' } });
  });
});
