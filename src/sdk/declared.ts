import { noteDeclared } from './declarations.ts';
import { callSite, type SourceLocation } from './source-location.ts';

/** An SDK object as declared: its props, which kind of object it is, and where the user wrote it. */
export type Declared<K extends string, P> = P & { readonly kind: K; readonly source: SourceLocation | undefined };

/** Stamps props with their kind and the user's call site (SDK frames are skipped). */
export function declared<K extends string, P extends object>(kind: K, props: P): Declared<K, P> {
  return noteDeclared({ ...props, kind, source: callSite() });
}
