/**
 * `npm run demo`: the whole loop on this machine, narrated as it happens. Ctrl-C stops it and
 * everything it started.
 */
import { fileURLToPath } from 'node:url';
import { DemoUnavailable, runDemo, type DemoEvent } from './scenario.ts';

const started = Date.now();

function line(event: DemoEvent): string {
  switch (event.kind) {
    case 'step':
      return `==> ${event.text}`;
    case 'note':
      return `note: ${event.text}`;
    case 'alert': {
      const { name, state, labels, summary } = event.change;
      const where = labels.connector ? ` (connector ${labels.connector})` : labels.job ? ` (job ${labels.job})` : '';
      return `[prometheus] ${name}${where} is ${state}${summary && state !== 'resolved' ? `: ${summary}` : ''}`;
    }
    case 'delivery': {
      const { channel, receiver, status, summary } = event.delivery;
      return `[${channel}] to ${receiver} (${status}): ${summary}`;
    }
    case 'escalation': {
      const next = event.nextStepAt ? `next step due at ${event.nextStepAt}` : 'no further step due';
      return `[escalation] next step: ${event.receivers.join(', ')} notified; told so far: ${event.told.join(', ')}; ${next}`;
    }
    case 'acknowledged':
      return `[ack] POST ${event.link}: acknowledged by ${event.by}; the next escalation step is cancelled`;
  }
}

function print(event: DemoEvent): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  process.stdout.write(`${seconds}s  ${line(event)}\n`);
}

const abort = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stdout.write(`\n${signal}: stopping everything the demo started ...\n`);
    abort.abort(new Error(`interrupted by ${signal}`));
  });
}

try {
  await runDemo({ root: fileURLToPath(new URL('../..', import.meta.url)), report: print, signal: abort.signal });
  process.exitCode = 0;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const outcome = error instanceof DemoUnavailable ? 'cannot run' : abort.signal.aborted ? 'stopped' : 'failed';
  process.stderr.write(`demo ${outcome}: ${message}\n`);
  process.exitCode = abort.signal.aborted ? 130 : 1;
}
