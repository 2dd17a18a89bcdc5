/**
 * JSON text read as Alertmanager reads it (Go's encoding/json): an escaped lone surrogate, such as
 * `"\ud800"`, which no UTF-8 text can hold, becomes U+FFFD. An alert's labels and annotations then
 * read, and are shown and sent on, as Alertmanager shows them.
 */

/** Whether `text` holds an escape `\uD800` to `\uDFFF`: nearly no body does, and it is parsed as it is. */
function mayHoldLoneSurrogate(text: string): boolean {
  // indexOf is a fast scan; Prometheus escapes & in generator URLs, so `\u` alone is common.
  for (let at = text.indexOf('\\u'); at >= 0; at = text.indexOf('\\u', at + 2)) {
    if ((text.charCodeAt(at + 2) | 0x20) === 0x64 /* d or D */ && /[89a-fA-F]/.test(text.charAt(at + 3))) return true;
  }
  return false;
}

const wellFormed = (_key: string, value: unknown): unknown => (typeof value === 'string' ? value.toWellFormed() : value);

/** JSON.parse, with every lone surrogate in a string value made U+FFFD. Throws as JSON.parse does. */
export function parseJsonAsGo(text: string): unknown {
  return mayHoldLoneSurrogate(text) ? JSON.parse(text, wellFormed) : JSON.parse(text);
}
