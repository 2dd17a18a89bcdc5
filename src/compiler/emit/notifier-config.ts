/**
 * generated/notifier/notifier.yaml, the routing the notifier runs (already validated against the
 * runtime's schema), and generated/notifier/notifier.schema.json, that schema as JSON Schema for
 * editors and reviewers.
 */
import { fileURLToPath } from 'node:url';
import { NOTIFIER_CONFIG, NOTIFIER_SCHEMA } from '../../sdk/conventions.ts';
import type { Project } from '../project.ts';
import { generatedNotice, yamlHeader, type GeneratedFile } from './generated-file.ts';
import { toYaml, type YamlValue } from './yaml-writer.ts';

/** Absolute: a relative path would be read against the directory the build was started in. */
const SCHEMA_SOURCE = fileURLToPath(new URL('../../runtime/config/schema.ts', import.meta.url));

export function emitNotifierConfig(project: Project): GeneratedFile[] {
  if (!project.notify) return [];
  const schema = {
    $comment: generatedNotice(project.root, [SCHEMA_SOURCE]),
    ...project.notify.schema.toJSONSchema({ io: 'input', unrepresentable: 'any' }),
  };
  return [
    { path: NOTIFIER_CONFIG, content: yamlHeader(project.root, [project.notify.file]) + toYaml(project.notify.config as YamlValue) },
    { path: NOTIFIER_SCHEMA, content: `${JSON.stringify(schema, null, 2)}\n` },
  ];
}
