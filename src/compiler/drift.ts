/**
 * Compares what the sources produce with what generated/ holds, and writes it. generated/ belongs to
 * the compiler: a file there that no source produces any more is stale and is removed.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GENERATED_DIR } from '../sdk/conventions.ts';
import type { GeneratedFile } from './emit/generated-file.ts';

export interface Drift {
  /** Files whose content differs. */
  readonly changed: string[];
  /** Files the sources produce that generated/ lacks. */
  readonly missing: string[];
  /** Files in generated/ that no source produces. */
  readonly extra: string[];
}

async function existingFiles(root: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, GENERATED_DIR), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
  } catch {
    return [];
  }
}

export async function drift(root: string, files: readonly GeneratedFile[]): Promise<Drift> {
  const produced = new Set(files.map((f) => f.path));
  const result: Drift = { changed: [], missing: [], extra: (await existingFiles(root)).filter((p) => !produced.has(p)) };
  for (const file of files) {
    let current: string | undefined;
    try {
      current = await readFile(join(root, file.path), 'utf8');
    } catch {
      result.missing.push(file.path);
      continue;
    }
    if (current !== file.content) result.changed.push(file.path);
  }
  return result;
}

/** Writes what changed and removes what is stale; returns the drift it repaired. */
export async function writeGenerated(root: string, files: readonly GeneratedFile[]): Promise<Drift> {
  const found = await drift(root, files);
  const toWrite = new Set([...found.changed, ...found.missing]);
  for (const file of files) {
    if (!toWrite.has(file.path)) continue;
    await mkdir(dirname(join(root, file.path)), { recursive: true });
    await writeFile(join(root, file.path), file.content);
  }
  for (const path of found.extra) await rm(join(root, path));
  return found;
}
