/** Routing labels the data sync team puts on its alerts; rules/notify.ts routes on them. */
export const SYNC_TEAM = { team: 'sync', service: 'sync-service' } as const;
export const HOST_TEAM = { team: 'sync', service: 'host' } as const;

/** Where the team's runbooks live. */
export const RUNBOOKS = 'https://runbooks.example.com/sync';
