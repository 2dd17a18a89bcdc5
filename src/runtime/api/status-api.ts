/** GET /api/v2/status in Alertmanager's shape (amtool reads it), naming the notifier in versionInfo. */
export function status(original: string, startedAt: number) {
  return {
    cluster: { status: 'disabled', peers: [] },
    config: { original },
    uptime: new Date(startedAt).toISOString(),
    versionInfo: { version: 'alertforge-notifier', branch: '', buildDate: '', buildUser: '', goVersion: `node ${process.version}`, revision: '' },
  };
}
