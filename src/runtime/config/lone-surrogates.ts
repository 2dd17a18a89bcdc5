/**
 * Strings UTF-8 cannot hold: a JavaScript string may have half of a surrogate pair alone
 * ('\ud800', or a pair cut in two by slicing), which JSON.stringify writes as "\ud800" and Go's
 * YAML and JSON readers refuse or replace. Each is found with its path, so the message names it.
 */
import { goCodePoint } from '../model/go-quote.ts';

export interface LoneSurrogate {
  readonly path: readonly (string | number)[];
  /** The code unit, as U+D800. */
  readonly codeUnit: string;
}

export function loneSurrogates(value: unknown, path: readonly (string | number)[] = []): LoneSurrogate[] {
  if (typeof value === 'string') {
    if (value.isWellFormed()) return [];
    return [{ path, codeUnit: goCodePoint(/\p{Surrogate}/u.exec(value)![0]) }];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => loneSurrogates(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [...loneSurrogates(key, [...path, key]), ...loneSurrogates(item, [...path, key])]);
  }
  return [];
}

/** What to say of one, after its path. */
export function loneSurrogateMessage({ codeUnit }: LoneSurrogate): string {
  return `holds ${codeUnit}, half of a surrogate pair alone, which UTF-8 cannot write (Go's readers refuse it): write the whole character`;
}
