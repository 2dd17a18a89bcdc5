/** Why a sync operation failed; the `error_type` label of sync_errors_total. */
export const ERROR_TYPES = ['timeout', 'auth', 'conflict', 'remote'] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

export class SyncError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
  }
}

/** The error type of anything a sync operation threw; unexpected errors count as remote. */
export function errorTypeOf(error: unknown): ErrorType {
  return error instanceof SyncError ? error.type : 'remote';
}
