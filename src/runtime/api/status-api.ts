/** GET /api/v2/status in Alertmanager's shape (amtool reads it), naming the notifier in versionInfo. */
import { isoTime } from '../clock.ts';

export function status(original: string, startedAt: number) {
  return {
    cluster: { status: 'disabled', peers: [] },
    config: { original },
    uptime: isoTime(startedAt),
    versionInfo: { version: 'alertforge-notifier', branch: '', buildDate: '', buildUser: '', goVersion: `node ${process.version}`, revision: '' },
  };
}
