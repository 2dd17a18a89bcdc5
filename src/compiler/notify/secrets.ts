/**
 * A literal secret anywhere in the sources fails the build: secrets are environment references
 * only, so they never reach generated/, a review or a log. The source text is scanned (a secret
 * can hide in any string), and every channel's credential fields must be EnvRefs.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Receiver } from '../../sdk/notify/index.ts';
import { isEnvRef } from '../../sdk/notify/env.ts';
import type { Diagnostics } from '../diagnostics.ts';

const SECRET_PATTERNS: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]+/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a literal password, token or key', pattern: /\b(?:password|passwd|secret|token|api_?key|auth_?token|bearer_?token|credentials)['"]?\s*[:=]\s*['"`][^'"`\s]{4,}['"`]/i },
  { what: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/ },
  { what: 'credentials in a URL', pattern: /\bhttps?:\/\/[^\s:@/'"`]+:[^\s@/'"`]+@/ },
  { what: 'an AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { what: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

const FIX = "use env('NAME') and set the variable where the notifier runs; rotate the secret if it was committed";

/** Scans each source file's text. */
export async function scanSourcesForSecrets(root: string, files: readonly string[], diagnostics: Diagnostics): Promise<void> {
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((text, index) => {
      for (const { what, pattern } of SECRET_PATTERNS) {
        if (pattern.test(text)) diagnostics.error({ file, line: index + 1 }, `source ${relative(root, file)}`, `holds ${what}; secrets are environment references only`, FIX);
      }
    });
  }
}

/** Credential fields must be EnvRefs even when a cast got a literal past the type checker. */
export function checkChannelSecrets(receivers: Iterable<Receiver>, diagnostics: Diagnostics): void {
  for (const receiver of receivers) {
    for (const channel of receiver.channels) {
      const fields: [string, unknown][] =
        channel.type === 'email' ? [['password', channel.password]] : channel.type === 'slack' ? [['webhookUrl', channel.webhookUrl]] : [['bearerToken', channel.bearerToken]];
      for (const [field, value] of fields) {
        if (value !== undefined && !isEnvRef(value)) diagnostics.error(receiver.source, `receiver "${receiver.name}"`, `${channel.type} ${field} is a literal value; secrets are environment references only`, FIX);
      }
    }
  }
}
