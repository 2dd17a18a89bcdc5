#!/usr/bin/env node
// The CLI is TypeScript, and so are the rule modules it loads: register tsx's loader first.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
