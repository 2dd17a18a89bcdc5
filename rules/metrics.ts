/**
 * The data sync system's metric catalog: every metric the sync service exports, and the external
 * ones (node_exporter, Prometheus itself) its rules read. Alerts, dashboards and the service's own
 * instrumentation all take their names and labels from here.
 */
import { counter, gauge, histogram } from 'alertforge';

export const syncOperations = counter({
  name: 'sync_operations_total',
  help: 'Sync operations performed, by connector, operation and outcome.',
  labels: ['connector', 'operation', 'status'],
});

export const syncErrors = counter({
  name: 'sync_errors_total',
  help: 'Sync operations that failed, by connector and error type.',
  labels: ['connector', 'error_type'],
});

export const syncDuration = histogram({
  name: 'sync_operation_duration_seconds',
  help: 'How long one sync operation took.',
  labels: ['connector', 'operation'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
});
