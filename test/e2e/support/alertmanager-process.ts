/** Debian's Alertmanager beside the notifier: its config file and data in `dir`, on a free port, clustering off. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findTool } from '../../support/tools.ts';
import { freePort } from './notifier-process.ts';
import { startProcess } from './process.ts';

/** Starts Alertmanager with `config` (alertmanager.yml's text); resolves to its URL once ready. */
export async function startAlertmanagerProcess(dir: string, config: string): Promise<string> {
  const port = await freePort();
  const file = join(dir, 'alertmanager.yml');
  await writeFile(file, config);
  const url = `http://127.0.0.1:${port}`;
  await startProcess('alertmanager', findTool('alertmanager')!, {
    args: [`--config.file=${file}`, `--storage.path=${join(dir, 'alertmanager-data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    ready: new URL(`${url}/-/ready`),
  });
  return url;
}
