/** Alert severities, least urgent first. */
export const SEVERITIES = ['info', 'warning', 'critical', 'emergency'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** Severities that page a human and so must reach an escalation policy. */
export const PAGING_SEVERITIES: readonly Severity[] = ['critical', 'emergency'];
