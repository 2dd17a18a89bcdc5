export * from './dashboard.ts';
export * from './panels.ts';
export * from './query.ts';
export * from './thresholds.ts';
export * from './units.ts';
export * from './variables.ts';
