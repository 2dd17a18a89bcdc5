/** Faults injected into a connector through the HTTP controls, validated there. */
import { z } from 'zod';
import { ERROR_TYPES } from './sync-error.ts';

export const faultsSchema = z
  .object({
    /** Share of read and write operations that fail, 0 to 1. */
    errorRate: z.number().min(0).max(1),
    /** What the failing operations fail with. */
    errorType: z.enum(ERROR_TYPES),
    /** Extra time every operation takes. */
    latencyMs: z.number().int().min(0).max(60_000),
    /** Share of changes that the target store also changes meanwhile: each one a conflict, 0 to 1. */
    conflictRate: z.number().min(0).max(1),
    /** Extra changes a second arriving on top of the normal workload: a growing backlog. */
    backlogPerSecond: z.number().int().min(0).max(100_000),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;

/** A partial update, as PUT /connectors/{name}/faults takes it. */
export const faultsUpdateSchema = faultsSchema.partial();

export const NO_FAULTS: Faults = { errorRate: 0, errorType: 'remote', latencyMs: 0, conflictRate: 0, backlogPerSecond: 0 };
