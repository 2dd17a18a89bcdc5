export * from './channels.ts';
export * from './env.ts';
export * from './escalation.ts';
export * from './inhibit.ts';
export * from './notify-config.ts';
export * from './receiver.ts';
export * from './route.ts';
export * from './time-interval.ts';
