/**
 * Type-level tests of `alertforge/instrument`: each @ts-expect-error line is a mistake that must be
 * a compile error. `npm test` type-checks this file (tsc fails on an unused @ts-expect-error too).
 */
import { Registry } from 'prom-client';
import { counter, gauge, histogram } from '../../src/sdk/index.ts';
import { instrument, operationTimer } from '../../src/instrument/index.ts';

const catalog = {
  ops: counter({ name: 'ops_total', help: 'Ops.', labels: ['connector', 'operation', 'status'] }),
  errors: counter({ name: 'op_errors_total', help: 'Errors.', labels: ['connector', 'error_type'] }),
  latency: histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['connector', 'operation'], buckets: [1] }),
  depth: gauge({ name: 'queue_depth', help: 'Depth.', labels: ['connector'] }),
  sessions: gauge({ name: 'sessions', help: 'Sessions.' }),
  byTenant: histogram({ name: 'tenant_op_duration_seconds', help: 'Latency.', labels: ['tenant', 'operation'], buckets: [1] }),
};
const m = instrument(new Registry(), catalog);

m.ops.inc({ connector: 'a', operation: 'write', status: 'ok' });
m.ops.inc({ connector: 'a', operation: 'write', status: 'ok' }, 3);
// @ts-expect-error 'conector' is not a label of ops_total
m.ops.inc({ conector: 'a', operation: 'write', status: 'ok' });
// @ts-expect-error every declared label needs a value: status is missing
m.ops.inc({ connector: 'a', operation: 'write' });
// @ts-expect-error a labelled metric needs its labels
m.ops.inc();

m.depth.set({ connector: 'a' }, 4);
// @ts-expect-error a label of another metric
m.depth.set({ connector: 'a', operation: 'write' }, 4);
// @ts-expect-error set needs a value
m.depth.set({ connector: 'a' });

m.latency.observe({ connector: 'a', operation: 'read' }, 0.2);
// @ts-expect-error status is not a label of the histogram
m.latency.observe({ connector: 'a', operation: 'read', status: 'ok' }, 0.2);
m.latency.startTimer({ connector: 'a', operation: 'read' })();

m.sessions.set(3);
m.sessions.inc();
// @ts-expect-error a label-less metric takes no labels
m.sessions.set({ connector: 'a' }, 3);

// @ts-expect-error counters only go up: no set
m.ops.set({ connector: 'a', operation: 'write', status: 'ok' }, 1);

const timer = operationTimer({ duration: m.latency, operations: m.ops, errors: m.errors, errorType: () => 'remote' });
timer.timed('write', { connector: 'a' }, () => 1);
// @ts-expect-error the caller supplies the labels the timer does not set: connector
timer.timed('write', {}, () => 1);
// @ts-expect-error operation is set by the timer
timer.timed('write', { connector: 'a', operation: 'x' }, () => 1);

// @ts-expect-error the duration histogram has a label (tenant) the operations counter lacks
operationTimer({ duration: m.byTenant, operations: m.ops, errors: m.errors, errorType: () => 'x' });
// @ts-expect-error the operations counter needs the operation and status labels
operationTimer({ duration: m.latency, operations: m.errors, errors: m.errors, errorType: () => 'x' });
