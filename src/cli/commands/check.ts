import { compile, succeeded } from '../../compiler/build.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { projectRoot } from '../project-root.ts';
import { reportCompile } from '../report.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: 'type-check and validate the sources without writing anything',
  help: `Usage: alertforge check [--root DIR]

Type-checks rules/ and dashboards/ and runs every validation of the build (catalog, PromQL,
labels, templates, routing), printing each finding with its file and object. Writes nothing.

Options:
  --root DIR    project root (default: the nearest folder from here up
                with package.json and rules/)
  -h, --help    this help

Exit codes: 0 clean (warnings allowed), 1 errors, 2 misuse.
`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { root: { type: 'string' } });
    const root = projectRoot(io.cwd, values.root);
    const result = await compile(root);
    reportCompile(result, root, io);
    if (!succeeded(result)) return EXIT.finding;
    io.out(`ok: ${result.project!.metrics.length} metrics, ${result.project!.groups.length} rule groups.\n`);
    return EXIT.ok;
  },
};
