/** A project with this routing, built, and the Alertmanager config the build emits written where amtool can read it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { compile } from '../../src/compiler/build.ts';
import { emitAlertmanagerConfig } from '../../src/compiler/emit/alertmanager-config.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from './project-fixture.ts';

export interface AlertmanagerFixture {
  readonly fixture: ProjectFixture;
  /** The absolute path of generated/alertmanager/alertmanager.yml. */
  readonly configFile: string;
}

export async function alertmanagerFixture(notify: string): Promise<AlertmanagerFixture> {
  const fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/notify.ts': notify });
  const { project, diagnostics } = await compile(fixture.root, { typecheck: false });
  expect(diagnostics.errors).toEqual([]);
  const [file] = emitAlertmanagerConfig(project!);
  const configFile = join(fixture.root, file!.path);
  mkdirSync(dirname(configFile), { recursive: true });
  writeFileSync(configFile, file!.content);
  return { fixture, configFile };
}
