import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RULE_TEST_SUFFIX, RULES_DIR } from '../../sdk/conventions.ts';

/** The project's rule unit tests: rules/**\/*.test.ts, sorted. */
export async function findRuleTests(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(root, RULES_DIR), { recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.endsWith(RULE_TEST_SUFFIX)).map((e) => join(root, RULES_DIR, e)).sort();
}
