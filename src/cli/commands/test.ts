import { relative } from 'node:path';
import { compile, succeeded } from '../../compiler/build.ts';
import { untestedRules } from '../../compiler/rule-tests/coverage.ts';
import { PromtoolMissing, runRuleTests } from '../../compiler/rule-tests/promtool.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { projectRoot } from '../project-root.ts';
import { reportCompile } from '../report.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const testCommand: Command = {
  name: 'test',
  summary: 'run the rule unit tests of rules/*.test.ts with promtool (--coverage: list untested rules)',
  help: `Usage: alertforge test [--coverage] [--root DIR]

Builds the project (as \`alertforge build\` does, writing nothing), compiles rules/*.test.ts into
promtool's test files and runs \`promtool test rules\` over them. Each failure is reported at the
test's file and line, with its name, what was expected and what Prometheus produced.

Options:
  --coverage    also list the alerts and recording rules no test exercises
  --root DIR    project root (default: the nearest folder from here up
                with package.json and rules/)
  -h, --help    this help

Exit codes: 0 all tests pass, 1 a test fails (or the build does), 2 misuse.
`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { coverage: { type: 'boolean' }, root: { type: 'string' } });
    const root = projectRoot(io.cwd, values.root);
    const result = await compile(root);
    reportCompile(result, root, io);
    if (!succeeded(result)) return EXIT.finding;
    const project = result.project!;
    if (values.coverage) {
      const untested = untestedRules(project.groups, project.ruleTests);
      io.out(untested.length ? `${plural(untested.length, 'rule')} no test exercises:\n` : 'every alert and recording rule is exercised by a test.\n');
      for (const { group, rule } of untested) {
        const where = rule.rule.source ? `${relative(root, rule.rule.source.file)}:${rule.rule.source.line}` : relative(root, group.file);
        io.out(`  ${where}: group "${group.group.name}" ${rule.rule.kind === 'alert' ? 'alert' : 'recording rule'} "${rule.rule.name}"\n`);
      }
    }
    let run;
    try {
      run = await runRuleTests(result.files, project.ruleTests);
    } catch (error) {
      if (!(error instanceof PromtoolMissing)) throw error;
      io.err(`${error.message}\n`);
      return EXIT.finding;
    }
    for (const failure of run.failures) {
      const test = failure.test === undefined ? '' : ` test "${failure.test}"`;
      io.err(`${relative(root, failure.source.file)}:${failure.source.line}: FAILED${test}: ${failure.message.replace(/\n/g, '\n    ')}\n`);
    }
    const counted = `${plural(run.tests, 'test')} in ${plural(project.ruleTests.length, 'file')}`;
    if (run.failures.length) {
      io.err(`\n${plural(run.failures.length, 'failure')} in ${counted}\n`);
      return EXIT.finding;
    }
    io.out(`${counted} passed.\n`);
    return EXIT.ok;
  },
};
