/**
 * The metrics the sync service exports: the catalog's, instrumented once per process (as
 * prom-client's own default registry is), so decorators can name the timer at class definition.
 */
import { createRegistry, instrument, operationTimer } from 'alertforge/instrument';
import * as catalog from '../../rules/metrics.ts';
import { errorTypeOf } from './sync-error.ts';

export const registry = createRegistry();

export const metrics = instrument(registry, {
  syncOperations: catalog.syncOperations,
  syncErrors: catalog.syncErrors,
  syncDuration: catalog.syncDuration,
  syncRecords: catalog.syncRecords,
  syncBytes: catalog.syncBytes,
  lastSuccess: catalog.lastSuccess,
  conflicts: catalog.conflicts,
  conflictsResolved: catalog.conflictsResolved,
  conflictsUnresolved: catalog.conflictsUnresolved,
  conflictResolutionDuration: catalog.conflictResolutionDuration,
  queueDepth: catalog.queueDepth,
  activeJobs: catalog.activeJobs,
  poolConnectionsInUse: catalog.poolConnectionsInUse,
  poolConnectionsMax: catalog.poolConnectionsMax,
  websocketSessions: catalog.websocketSessions,
  websocketDisconnects: catalog.websocketDisconnects,
});

/** Times read and write operations into sync_operation_duration_seconds, sync_operations_total and sync_errors_total. */
export const syncTimer = operationTimer({ duration: metrics.syncDuration, operations: metrics.syncOperations, errors: metrics.syncErrors, errorType: errorTypeOf });
