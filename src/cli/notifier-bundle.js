// @ts-check
/**
 * The notifier runs as one JavaScript bundle of its command (notifier-main.ts), made with esbuild
 * as it starts, not under tsx: it is a long-running process that loads no rule module, and tsx's
 * loader thread and the sources it transformed held about 30 MiB of it for as long as it ran.
 * JavaScript, checked by tsc, so that bin/alertforge.js can load it with no TypeScript loader.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./notifier-main.ts', import.meta.url));

/**
 * Keeps every file's location: packages are imported from where npm put them, by absolute URL, so
 * the bundle runs from a temporary directory; and a module's `import.meta.url` stays its own, so
 * the store still finds its writer thread's file beside it.
 * @type {import('esbuild').Plugin}
 */
const keepLocations = {
  name: 'keep-locations',
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path.startsWith('node:') ? args.path : import.meta.resolve(args.path), external: true }));
    plugin.onLoad({ filter: /\.[jt]s$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/** Bundles the CLI and writes it once per content to the temporary directory; resolves to its URL. */
export async function notifierBundle() {
  let code;
  try {
    const result = await build({ entryPoints: [ENTRY], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, plugins: [keepLocations], logLevel: 'silent' });
    code = /** @type {import('esbuild').OutputFile} */ (result.outputFiles[0]).text;
  } finally {
    await stop();
  }
  const file = join(tmpdir(), `alertforge-notifier-bundle-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    // Written whole, then renamed: notifiers starting together never load a half-written file.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file).href;
}
