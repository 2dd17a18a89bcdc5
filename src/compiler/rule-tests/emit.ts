/** generated/prometheus/tests/<name>.yml: the promtool test file of each rules/<name>.test.ts. */
import type { GeneratedFile } from '../emit/generated-file.ts';
import { yamlHeader } from '../emit/generated-file.ts';
import { toYaml } from '../emit/yaml-writer.ts';
import type { Project } from '../project.ts';

export function emitRuleTests(project: Project): GeneratedFile[] {
  return project.ruleTests.map((tests) => ({ path: tests.path, content: yamlHeader(project.root, [tests.file]) + toYaml(tests.document) }));
}
