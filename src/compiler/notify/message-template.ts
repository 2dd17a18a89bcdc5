/**
 * A receiver's message template is checked against what the runtime renders, and what the
 * Alertmanager translation can express: anything else is written verbatim, and Alertmanager then
 * fails every message of the receiver (`function "upper" not defined`).
 */
import { LABEL_NAME } from '../../runtime/model/labels.ts';
import { renderPlaceholders, TEMPLATE_PLACEHOLDERS } from '../../runtime/config/template-placeholders.ts';
import { closest } from '../../runtime/config/closest.ts';

/** `status, ..., commonLabels.<name>, ...`: the placeholders, as a hint lists them. */
export const PLACEHOLDER_LIST = TEMPLATE_PLACEHOLDERS.map((p) => p.replace(/\*$/, '<name>')).join(', ');

export interface TemplateProblem {
  readonly message: string;
  readonly hint: string;
}

/** What is wrong with a template: an unclosed `{{`, an unknown placeholder, a map key that is no label name. */
export function templateProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const names: string[] = [];
  // The runtime's own parse: the names it would look up, and the text it would leave as it is.
  const rest = renderPlaceholders(text, (name) => {
    names.push(name);
    return '';
  });
  const unclosed = rest.indexOf('{{');
  if (unclosed >= 0) {
    problems.push({ message: `has an unclosed {{ at "${rest.slice(unclosed, unclosed + 30)}"`, hint: `close each placeholder with }}; placeholders: ${PLACEHOLDER_LIST}` });
  }
  for (const name of names) {
    const map = TEMPLATE_PLACEHOLDERS.find((p) => p.endsWith('.*') && name.startsWith(p.slice(0, -1)));
    if (map) {
      const key = name.slice(map.length - 1);
      if (!LABEL_NAME.test(key)) {
        problems.push({
          message: `uses {{ ${name} }}: "${key}" is not a label or annotation name`,
          hint: `a placeholder is a name alone, without Go template functions or pipes; ${map.slice(0, -2)}.<name> takes a name of letters, digits and _`,
        });
      }
    } else if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) {
      const suggestion = closest(name, TEMPLATE_PLACEHOLDERS.filter((p) => !p.endsWith('.*')));
      problems.push({ message: `uses unknown placeholder {{ ${name} }}`, hint: `${suggestion ? `did you mean {{ ${suggestion} }}? ` : ''}placeholders: ${PLACEHOLDER_LIST}` });
    }
  }
  return problems;
}
