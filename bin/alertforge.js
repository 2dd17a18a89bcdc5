#!/usr/bin/env node
// The CLI is TypeScript, and so are the rule modules it loads: tsx's loader is registered first.
// The notifier loads no rule module and runs for days: it runs as one JavaScript bundle instead
// (src/cli/notifier-bundle.js), without the memory tsx's loader holds.
const argv = process.argv.slice(2);
let main;
if (argv[0] === 'notifier') {
  const { notifierBundle } = await import('../src/cli/notifier-bundle.js');
  ({ main } = await import(await notifierBundle()));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(argv);
