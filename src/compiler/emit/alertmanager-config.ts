/**
 * generated/alertmanager/alertmanager.yml: the same routing for teams that run Alertmanager
 * (0.25 and later), in the form runtime/config/alertmanager-form.ts gives it, with what
 * Alertmanager cannot do said in comments at the top.
 */
import { ALERTMANAGER_CONFIG, ALERTMANAGER_SECRETS_DIR } from '../../sdk/conventions.ts';
import { alertmanagerForm } from '../../runtime/config/alertmanager-form.ts';
import type { NotifierConfig } from '../../runtime/config/schema.ts';
import type { Project } from '../project.ts';
import { yamlHeader, type GeneratedFile } from './generated-file.ts';
import { toYaml, type YamlValue } from './yaml-writer.ts';

export function alertmanagerYaml(config: NotifierConfig): { yaml: string; comments: string[] } {
  const { document, comments } = alertmanagerForm(config);
  return { yaml: toYaml(document as YamlValue), comments };
}
export function emitAlertmanagerConfig(project: Project): GeneratedFile[] {
  if (!project.notify) return [];
  const { yaml, comments } = alertmanagerYaml(project.notify.parsed);
  const notes = [
    `# Secrets are read from files in ${ALERTMANAGER_SECRETS_DIR}, one per environment variable of the notifier config.`,
    ...comments,
  ];
  return [{ path: ALERTMANAGER_CONFIG, content: `${yamlHeader(project.root, [project.notify.file])}${notes.join('\n')}\n${yaml}` }];
}
