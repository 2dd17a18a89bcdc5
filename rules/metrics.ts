/**
 * The data sync system's metric catalog: every metric the sync service exports, and the external
 * ones (node_exporter, Prometheus) its rules read. Alerts, dashboards and the service's own
 * instrumentation (src/instrument) all take names and labels from here.
 */
import { counter, gauge, histogram } from 'alertforge';

// --- Sync operations -------------------------------------------------------------------------

export const syncOperations = counter({
  name: 'sync_operations_total',
  help: 'Sync operations performed, by connector, operation (read, write, delete) and status (ok, error).',
  labels: ['connector', 'operation', 'status'],
});

export const syncErrors = counter({
  name: 'sync_errors_total',
  help: 'Sync operations that failed, by connector and error type (timeout, auth, conflict, remote).',
  labels: ['connector', 'error_type'],
});

export const syncDuration = histogram({
  name: 'sync_operation_duration_seconds',
  help: 'How long one sync operation took, from dequeue to acknowledgement by the target store.',
  labels: ['connector', 'operation'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
});

export const syncRecords = counter({
  name: 'sync_records_total',
  help: 'Records moved between stores, by connector and direction (inbound, outbound).',
  labels: ['connector', 'direction'],
});

export const syncBytes = counter({
  name: 'sync_bytes_total',
  help: 'Payload bytes moved between stores, by connector and direction.',
  labels: ['connector', 'direction'],
});

export const lastSuccess = gauge({
  name: 'sync_last_success_timestamp_seconds',
  help: 'Unix time of the last successful sync operation of each connector.',
  labels: ['connector'],
});

// --- Conflicts -------------------------------------------------------------------------------

export const conflicts = counter({
  name: 'sync_conflicts_total',
  help: 'Conflicting writes detected, by connector and resolution strategy (last_writer_wins, manual).',
  labels: ['connector', 'strategy'],
});

export const conflictsResolved = counter({
  name: 'sync_conflicts_resolved_total',
  help: 'Conflicts resolved, by connector and resolution strategy.',
  labels: ['connector', 'strategy'],
});

export const conflictsUnresolved = gauge({
  name: 'sync_conflicts_unresolved',
  help: 'Conflicts waiting for a manual resolution.',
  labels: ['connector'],
});

export const conflictResolutionDuration = histogram({
  name: 'sync_conflict_resolution_duration_seconds',
  help: 'Time from detecting a conflict to resolving it.',
  labels: ['connector', 'strategy'],
  buckets: [1, 10, 60, 300, 1800, 3600, 14400, 86400],
});

// --- Queue and jobs --------------------------------------------------------------------------

export const queueDepth = gauge({
  name: 'sync_queue_depth',
  help: 'Records waiting in the sync queue.',
  labels: ['connector'],
});

export const activeJobs = gauge({
  name: 'sync_jobs_active',
  help: 'Sync jobs running now.',
  labels: ['connector'],
});

// --- Connection pools and sessions ------------------------------------------------------------

export const poolConnectionsInUse = gauge({
  name: 'sync_pool_connections_in_use',
  help: 'Connections of the store connection pool in use.',
  labels: ['pool'],
});

export const poolConnectionsMax = gauge({
  name: 'sync_pool_connections_max',
  help: 'Size limit of the store connection pool.',
  labels: ['pool'],
});

export const websocketSessions = gauge({
  name: 'sync_websocket_sessions',
  help: 'Client WebSocket sessions open for live updates.',
});

export const websocketDisconnects = counter({
  name: 'sync_websocket_disconnects_total',
  help: 'Client WebSocket sessions that ended, by reason (client, timeout, error).',
  labels: ['reason'],
});

// --- External: node_exporter and Prometheus ----------------------------------------------------

export const nodeCpuSeconds = counter({
  name: 'node_cpu_seconds_total',
  help: 'Seconds the CPUs spent in each mode.',
  labels: ['cpu', 'mode'],
  external: 'node_exporter',
});

export const nodeMemoryAvailable = gauge({
  name: 'node_memory_MemAvailable_bytes',
  help: 'Memory available for starting new applications without swapping.',
  external: 'node_exporter',
});

export const nodeMemoryTotal = gauge({
  name: 'node_memory_MemTotal_bytes',
  help: 'Total usable memory.',
  external: 'node_exporter',
});

export const nodeFilesystemAvail = gauge({
  name: 'node_filesystem_avail_bytes',
  help: 'Filesystem space available to non-root users.',
  labels: ['device', 'fstype', 'mountpoint'],
  external: 'node_exporter',
});

export const nodeFilesystemSize = gauge({
  name: 'node_filesystem_size_bytes',
  help: 'Filesystem size.',
  labels: ['device', 'fstype', 'mountpoint'],
  external: 'node_exporter',
});

export const nodeNetworkReceive = counter({
  name: 'node_network_receive_bytes_total',
  help: 'Bytes received by each network device.',
  labels: ['device'],
  external: 'node_exporter',
});

export const nodeNetworkTransmit = counter({
  name: 'node_network_transmit_bytes_total',
  help: 'Bytes sent by each network device.',
  labels: ['device'],
  external: 'node_exporter',
});

export const up = gauge({
  name: 'up',
  help: 'Whether Prometheus could scrape the target (1) or not (0).',
  external: 'prometheus',
});
