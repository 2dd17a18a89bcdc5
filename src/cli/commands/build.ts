import { compile, succeeded } from '../../compiler/build.ts';
import { drift, writeGenerated } from '../../compiler/drift.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { projectRoot } from '../project-root.ts';
import { reportCompile } from '../report.ts';

export const buildCommand: Command = {
  name: 'build',
  summary: 'type-check and validate the sources, write generated/ (--check: fail if it is stale)',
  help: `Usage: alertforge build [--check] [--root DIR]

Type-checks rules/ and dashboards/, loads them, validates the catalog, rules and PromQL, and
writes generated/ (Prometheus rule files, ALERTS.md, ...). Files no source produces any more
are removed.

Options:
  --check       write nothing; exit 1 naming each stale file when generated/ differs
  --root DIR    project root (default: the nearest folder from here up
                with package.json and rules/)
  -h, --help    this help

Exit codes: 0 success, 1 errors in the sources or stale files, 2 misuse.
`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { check: { type: 'boolean' }, root: { type: 'string' } });
    const root = projectRoot(io.cwd, values.root);
    const result = await compile(root);
    reportCompile(result, root, io);
    if (!succeeded(result)) {
      io.err('build failed: nothing was written.\n');
      return EXIT.finding;
    }
    if (values.check) {
      const found = await drift(root, result.files);
      const stale = [...found.changed.map((p) => `${p} (differs)`), ...found.missing.map((p) => `${p} (missing)`), ...found.extra.map((p) => `${p} (no longer produced)`)];
      if (stale.length) {
        io.err(`generated/ is stale:\n${stale.map((s) => `  ${s}`).join('\n')}\nRun \`npm run build:rules\` and commit the result.\n`);
        return EXIT.finding;
      }
      io.out(`generated/ is up to date (${result.files.length} files).\n`);
      return EXIT.ok;
    }
    const written = await writeGenerated(root, result.files);
    const touched = written.changed.length + written.missing.length;
    io.out(`wrote ${touched} of ${result.files.length} files${written.extra.length ? `, removed ${written.extra.length} stale` : ''}.\n`);
    return EXIT.ok;
  },
};
