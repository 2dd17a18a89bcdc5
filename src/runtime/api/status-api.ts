/**
 * GET /api/v2/status in Alertmanager's shape, naming the notifier in versionInfo. The config is the
 * running one in Alertmanager's form (config/alertmanager-form.ts): amtool (`config routes`) and
 * Grafana's Alertmanager data source parse it as an Alertmanager config.
 */
import { stringify } from 'yaml';
import { isoTime } from '../clock.ts';
import { alertmanagerForm } from '../config/alertmanager-form.ts';
import type { NotifierConfig } from '../config/schema.ts';

/** The config as text, with what Alertmanager's form leaves out said at the top. */
function original(config: NotifierConfig, configFile: string): string {
  const { document, comments } = alertmanagerForm(config);
  const header = [`# The routing the notifier runs from ${configFile}, in Alertmanager's form.`, ...comments];
  return `${header.join('\n')}\n${stringify(document)}`;
}

export function status(config: NotifierConfig, configFile: string, startedAt: number) {
  return {
    cluster: { status: 'disabled', peers: [] },
    config: { original: original(config, configFile) },
    uptime: isoTime(startedAt),
    versionInfo: { version: 'alertforge-notifier', branch: '', buildDate: '', buildUser: '', goVersion: `node ${process.version}`, revision: '' },
  };
}
