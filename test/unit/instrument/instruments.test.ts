import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ExternalMetricError, instrument, createRegistry } from '../../../src/instrument/index.ts';
import { counter, gauge, histogram } from '../../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Operations performed.', labels: ['connector', 'status'] });
const depth = gauge({ name: 'queue_depth', help: 'Records waiting.', labels: ['connector'] });
const sessions = gauge({ name: 'sessions', help: 'Sessions open.' });
const latency = histogram({ name: 'op_duration_seconds', help: 'Operation latency.', labels: ['connector'], buckets: [0.1, 1] });
const cpu = counter({ name: 'node_cpu_seconds_total', help: 'CPU.', labels: ['cpu', 'mode'], external: 'node_exporter' });

describe('instrument', () => {
  it('exposes each catalog metric under its name, help, type and labels', async () => {
    const registry = new Registry();
    const m = instrument(registry, { ops, depth, sessions, latency });
    m.ops.inc({ connector: 'crm', status: 'ok' });
    m.ops.inc({ connector: 'crm', status: 'ok' }, 2);
    m.depth.set({ connector: 'crm' }, 7);
    m.depth.dec({ connector: 'crm' });
    m.sessions.inc(3);
    m.sessions.dec();
    m.latency.observe({ connector: 'crm' }, 0.5);
    const text = await registry.metrics();
    expect(text).toContain('# HELP ops_total Operations performed.\n# TYPE ops_total counter\nops_total{connector="crm",status="ok"} 3');
    expect(text).toContain('# TYPE queue_depth gauge\nqueue_depth{connector="crm"} 6');
    expect(text).toContain('sessions 2');
    expect(text).toContain('op_duration_seconds_bucket{le="0.1",connector="crm"} 0');
    expect(text).toContain('op_duration_seconds_bucket{le="1",connector="crm"} 1');
    expect(text).toContain('op_duration_seconds_bucket{le="+Inf",connector="crm"} 1');
    expect(text).toContain('op_duration_seconds_sum{connector="crm"} 0.5');
  });

  it('times with startTimer into the histogram', async () => {
    const registry = new Registry();
    const m = instrument(registry, { latency });
    const seconds = m.latency.startTimer({ connector: 'crm' })();
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(await registry.getSingleMetricAsString('op_duration_seconds')).toContain('op_duration_seconds_count{connector="crm"} 1');
  });

  it('refuses external metrics at startup, naming the exporter that owns them', () => {
    expect(() => instrument(new Registry(), { ops, cpu })).toThrow(ExternalMetricError);
    expect(() => instrument(new Registry(), { cpu })).toThrow('node_cpu_seconds_total is exported by node_exporter');
  });

  it('registers prom-client default process metrics in a new registry', async () => {
    const text = await createRegistry().metrics();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});
