/**
 * A custom variable's values as items of Grafana's comma-separated `query`, and how Grafana reads
 * them back: it rebuilds the options from `query` whenever it loads the dashboard or the variable is
 * edited, so what it reads there is what the picker offers and what queries get.
 */
import type { CustomOption, CustomVariable } from '../../sdk/dashboard/variables.ts';

type CustomValue = CustomVariable['values'][number];

/** The option a value makes: a plain value is its own text. */
export const optionOf = (value: CustomValue): CustomOption => (typeof value === 'string' ? { text: value, value } : value);

/** The option's item in `query`, its commas not yet escaped: Grafana's `text : value` where the two differ. */
export const queryItem = (option: CustomOption): string => (option.text === option.value ? option.value : `${option.text} : ${option.value}`);

/**
 * How Grafana reads one item of `query` (split at unescaped commas, `\,` unescaped): as
 * `text : value` split at the last whitespace, colon, whitespace with text on one line either side,
 * else as a value that is its own text; both trimmed. Grafana skips empty items. This is how both
 * the custom variable of @grafana/scenes (CustomVariable, CsvOptionsProvider) and the older one of
 * grafana/grafana (public/app/features/variables/custom/reducer.ts) read it.
 */
function grafanaReads(item: string): CustomOption {
  const split = /^\s*(.+)\s:\s(.+)$/.exec(item);
  return split ? { text: split[1]!.trim(), value: split[2]!.trim() } : { text: item.trim(), value: item.trim() };
}

export interface CustomValueProblem {
  readonly message: string;
  readonly hint: string;
}

/** Why Grafana would read `values[index]` other than as written, if it would. */
export function customValueProblem(values: CustomVariable['values'], index: number): CustomValueProblem | undefined {
  const value = values[index]!;
  const option = optionOf(value);
  const plain = typeof value === 'string';
  const what = plain ? `value ${JSON.stringify(option.value)}` : `{ text: ${JSON.stringify(option.text)}, value: ${JSON.stringify(option.value)} }`;
  for (const [part, text] of plain ? ([['value', option.value]] as const) : ([['text', option.text], ['value', option.value]] as const)) {
    if (!text.trim()) return { message: `${what}: the ${part} is empty`, hint: `Grafana offers no empty ${part}: fill it in or remove the entry` };
    if (text.trim() !== text) return { message: `${what}: the ${part} starts or ends with whitespace`, hint: `Grafana trims it to ${JSON.stringify(text.trim())}: write that` };
  }
  if (option.value.endsWith('\\') && index < values.length - 1) {
    return { message: `${what}: the value ends with a backslash`, hint: 'Grafana reads a backslash before the comma that follows as an escaped comma, and joins the next value to this one: list it last or drop the backslash' };
  }
  const read = grafanaReads(queryItem(option));
  if (read.text === option.text && read.value === option.value) return undefined;
  const reading = `{ text: ${JSON.stringify(read.text)}, value: ${JSON.stringify(read.value)} }`;
  return plain
    ? { message: `${what}: the value holds " : "`, hint: `Grafana reads it as ${reading}: write that if it is meant; a value cannot hold " : "` }
    : { message: `${what}: Grafana reads it as ${reading}`, hint: 'Grafana splits text from value at the last " : ", both on one line: the value cannot hold " : " or start with ": ", and neither can break the line' };
}
