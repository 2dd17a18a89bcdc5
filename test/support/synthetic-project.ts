/**
 * A synthetic alertforge project of any size, for the compile benchmark and the promtool test:
 * a catalog of counters, gauges and histograms, rule files mixing typed builders and raw PromQL
 * the way a real project does, and the fixtures' routing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_NOTIFY, withLocalSdk } from './project-fixture.ts';

const SDK = fileURLToPath(new URL('../../src/sdk/index.ts', import.meta.url));

export interface SyntheticSize {
  readonly metrics: number;
  readonly files: number;
  readonly alertsPerFile: number;
}

function catalog(size: SyntheticSize): string {
  const lines = [`import { counter, gauge, histogram } from '${SDK}';`];
  for (let i = 0; i < size.metrics; i++) {
    const labels = `labels: ['service', 'region', 'code${i % 3}']`;
    if (i % 3 === 0) lines.push(`export const m${i} = counter({ name: 'app_m${i}_requests_total', help: 'Requests ${i}.', ${labels} });`);
    else if (i % 3 === 1) lines.push(`export const m${i} = gauge({ name: 'app_m${i}_queue_length', help: 'Queue ${i}.', ${labels} });`);
    else lines.push(`export const m${i} = histogram({ name: 'app_m${i}_duration_seconds', help: 'Latency ${i}.', ${labels}, buckets: [0.1, 0.5, 1, 5] });`);
  }
  return `${lines.join('\n')}\n`;
}

function alertExpr(metric: number, variant: number): string {
  const m = `m${metric}`;
  const t = variant + 1;
  if (metric % 3 === 0) {
    return variant % 2 === 0
      ? `sum(rate(${m}.select({ code${metric % 3}: ne('200') }).range('5m')), { by: ['service'] }).div(sum(rate(${m}.range('5m')), { by: ['service'] })).gt(0.0${t % 9 + 1})`
      : `'sum by (service, region) (increase(app_m${metric}_requests_total[1h])) > ${t * 10}'`;
  }
  if (metric % 3 === 1) {
    return variant % 2 === 0 ? `max(${m}.select({ region: 'eu' }), { by: ['service', 'region'] }).gt(${t * 100})` : `'avg_over_time(app_m${metric}_queue_length[10m]) > ${t * 50}'`;
  }
  return `histogramQuantile(0.9, sum(rate(${m}.bucket().range('5m')), { by: ['service', 'le'] })).gt(${t / 10})`;
}

function ruleFile(size: SyntheticSize, file: number): string {
  const used = new Set<number>();
  const alerts: string[] = [];
  for (let a = 0; a < size.alertsPerFile; a++) {
    const metric = (file * 7 + a) % size.metrics;
    used.add(metric);
    const label = metric % 3 === 1 && a % 2 === 0 ? 'region' : 'service';
    const summary = alertExpr(metric, a).startsWith("'")
      ? `'Service {{ $labels.service }} is over the threshold'`
      : `(t) => \`${label === 'region' ? '${t.labels.region}' : '${t.labels.service}'} at \${t.value}\``;
    alerts.push(`    alert({ name: 'Synthetic${file}Alert${a}', expr: ${alertExpr(metric, a)}, for: '5m', severity: '${a % 10 === 0 ? 'critical' : 'warning'}', summary: ${summary}, description: ${summary}, labels: { team: 't${file % 5}' } }),`);
  }
  const imports = [...used].sort((x, y) => x - y).map((m) => `m${m}`).join(', ');
  return `import { alert, histogramQuantile, max, ne, rate, ruleGroup, sum } from '${SDK}';
import { ${imports} } from './metrics.ts';

export const group${file} = ruleGroup({
  name: 'synthetic-${String(file).padStart(3, '0')}',
  interval: '1m',
  rules: [
${alerts.join('\n')}
  ],
});
`;
}

/** Writes the project under `root` (which must exist); returns the number of alert rules. */
export function writeSyntheticProject(root: string, size: SyntheticSize): number {
  mkdirSync(join(root, 'rules'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, types: [] } }),
  );
  writeFileSync(join(root, 'rules', 'metrics.ts'), catalog(size));
  writeFileSync(join(root, 'rules', 'notify.ts'), withLocalSdk(FIXTURE_NOTIFY));
  for (let f = 0; f < size.files; f++) writeFileSync(join(root, 'rules', `synthetic-${String(f).padStart(3, '0')}.rules.ts`), ruleFile(size, f));
  return size.files * size.alertsPerFile;
}
