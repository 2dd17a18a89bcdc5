/**
 * A write endpoint answers once its change is in the state file, so that its 200 survives a kill:
 * answered before, a silence, its expiry or an acknowledgement was lost to a SIGKILL in the
 * milliseconds until the writer thread committed it, and an expiry lost is a silence back on.
 */
import type { Notifier } from '../notifier.ts';
import { HttpError } from './http-error.ts';

export async function saved(notifier: Notifier): Promise<void> {
  try {
    await notifier.flushed();
  } catch (error) {
    throw new HttpError(503, `in effect but not saved, so lost when the notifier restarts: ${(error as Error).message}`);
  }
}
