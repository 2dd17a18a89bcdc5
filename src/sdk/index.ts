/** The authoring API: everything a rules/, dashboards/ or notify module imports. */
export * from './catalog.ts';
export * from './conventions.ts';
export * from './duration.ts';
export * from './promql/aggregate.ts';
export * from './promql/expression.ts';
export * from './promql/functions.ts';
export * from './promql/raw.ts';
export * from './promql/selector.ts';
export * from './dashboard/index.ts';
export * from './notify/index.ts';
export * from './prometheus-config.ts';
export * from './rule-test.ts';
export * from './rules.ts';
export * from './severity.ts';
export * from './slo.ts';
export * from './template.ts';
export type { SourceLocation } from './source-location.ts';
