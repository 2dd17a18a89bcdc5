/**
 * Regex matchers as Alertmanager reads them: RE2 syntax (Go's regexp: `(?i)` and `[[:alpha:]]`
 * work, lookarounds and backreferences do not), anchored at both ends, matched in time linear in
 * the value. JavaScript's RegExp backtracks: a silence `(a+)+$` posted over the API held the event
 * loop for minutes on a 30-character label value, and nothing was delivered meanwhile.
 */
import { RE2JS } from 're2js';

/** Compiled regexes by source: matched for every alert routed, silenced or inhibited. */
const compiled = new Map<string, RE2JS>();
/** Sources kept compiled: silences come and go over the API, so the cache must not grow for ever. */
const COMPILED_KEPT = 1000;

function compile(source: string): RE2JS {
  let regex = compiled.get(source);
  if (!regex) {
    if (compiled.size >= COMPILED_KEPT) compiled.clear();
    // Anchored as Prometheus and Alertmanager anchor it: an unended \Q would quote the anchor's ")" away.
    try {
      regex = RE2JS.compile(`^(?:${source})$`);
    } catch (error) {
      if (!(error as Error).message.includes('duplicate capture group name')) throw error;
      regex = RE2JS.compile(`^(?:${withoutGroupNames(source)})$`);
    }
    compiled.set(source, regex);
  }
  return regex;
}

/** Why `source` is not an RE2 regex, in Go's words; undefined when it is one. */
export function regexError(source: string): string | undefined {
  try {
    compile(source);
  } catch (error) {
    return (error as Error).message;
  }
  return olderGoProblem(source);
}

/**
 * Scripts of Unicode 14 and later, which re2js knows and the Go that built Prometheus 2.42 and
 * Alertmanager 0.25 (1.19, Unicode 13) does not: `\p{Kawi}` is an invalid class range there.
 */
const NEWER_SCRIPTS = new Set(['Cypro_Minoan', 'Old_Uyghur', 'Tangsa', 'Toto', 'Vithkuqi', 'Kawi', 'Nag_Mundari', 'Garay', 'Gurung_Khema', 'Kirat_Rai', 'Ol_Onal', 'Sunuwar', 'Todhri', 'Tulu_Tigalari']);
/** A `\p{Name}` or `\P{^Name}` class where it starts (sticky), its name captured. */
const UNICODE_CLASS = /\\[pP]\{\^?([A-Za-z_]+)\}/y;

/** A POSIX class name inside a class, matched where it starts (sticky: no copy of the rest). */
const POSIX_CLASS = /\[:\^?[a-z]+:\]/y;

/** An escape (anywhere but in \Q...\E) or a group's opening parenthesis (outside a class), by position. */
interface RegexMark {
  readonly kind: 'escape' | 'group';
  readonly at: number;
}

/** The escapes and group openings of `source`, whose escapes, classes and \Q...\E are well formed. */
function* regexMarks(source: string): Generator<RegexMark> {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (source[i + 1] === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        i = end < 0 ? source.length : end + 1;
        continue;
      }
      yield { kind: 'escape', at: i };
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      else {
        // A class name ([:alpha:], [:^digit:]) holds no ] to end the class; a [: that starts none is a character.
        POSIX_CLASS.lastIndex = i;
        const named = c === '[' ? POSIX_CLASS.exec(source) : null;
        if (named) i += named[0].length - 1;
      }
    } else if (c === '[') {
      inClass = true;
      // A ] first in a class, or after its ^, is a character of it.
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (c === '(') {
      yield { kind: 'group', at: i };
    }
  }
}

/**
 * What re2js takes and the Go these programs were built with refuses: a group opened as `(?<name>`,
 * a script newer than its Unicode. `source` compiles.
 */
function olderGoProblem(source: string): string | undefined {
  for (const { kind, at } of regexMarks(source)) {
    if (kind === 'escape') {
      UNICODE_CLASS.lastIndex = at;
      const unicodeClass = UNICODE_CLASS.exec(source);
      if (unicodeClass && NEWER_SCRIPTS.has(unicodeClass[1]!)) return `error parsing regexp: invalid character class range: \`${unicodeClass[0]}\` (a script of Unicode 14 or later, which the Go of Prometheus 2.42 and Alertmanager 0.25 does not know)`;
    } else if (source.startsWith('(?<', at)) {
      return 'error parsing regexp: invalid or unsupported Perl syntax: `(?<` (Go took (?<name>...) only from 1.22, after Prometheus 2.42 and Alertmanager 0.25: write (?P<name>...))';
    }
  }
  return undefined;
}

/** A named group's opening, `(?P<name>`, where it starts (sticky). */
const NAMED_GROUP = /\(\?P<\w+>/y;

/**
 * `source` with its named groups unnamed: Go takes two groups of one name, re2js does not, and a
 * matcher reads no group by name.
 */
function withoutGroupNames(source: string): string {
  let out = '';
  let from = 0;
  for (const { kind, at } of regexMarks(source)) {
    NAMED_GROUP.lastIndex = at;
    const named = kind === 'group' ? NAMED_GROUP.exec(source) : null;
    if (!named) continue;
    out += `${source.slice(from, at)}(?:`;
    from = at + named[0].length;
  }
  return out + source.slice(from);
}

/** Whether the whole of `value` matches, as Alertmanager's `^(?:source)$`; `source` is one regexError accepts. */
export function regexMatches(source: string, value: string): boolean {
  return compile(source).testExact(value);
}
