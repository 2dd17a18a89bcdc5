/**
 * Instrumentation from the catalog (`alertforge/instrument`): prom-client metrics named and
 * labelled by rules/metrics.ts, so a service and its alerts cannot disagree.
 */
export * from './instruments.ts';
export * from './metrics-handler.ts';
export * from './operation-timer.ts';
export * from './registry.ts';
