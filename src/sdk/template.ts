/**
 * Annotation templates. A function template receives typed accessors, so naming a label the
 * expression does not keep is a compile error; a string template is checked by the compiler.
 */
export interface TemplateContext<L extends string> {
  /** `{{ $labels.name }}` for each label the alert's expression keeps. */
  readonly labels: { readonly [K in L]: string };
  /**
   * `{{ $externalLabels.name }}`: a label Prometheus adds to every alert, as the prometheusConfig's
   * externalLabels declare them (their names are checked at build time, as they are declared elsewhere).
   */
  readonly externalLabels: { readonly [name: string]: string };
  /** `{{ $value }}`: the expression's value, as printed by Go. */
  readonly value: string;
  /** `{{ $value | humanize }}`: 1.2k, 3.4M. */
  readonly valueHumanized: string;
  /** `{{ $value | humanizePercentage }}`: a ratio as 5.2%. */
  readonly valuePercent: string;
  /** `{{ $value | humanizeDuration }}`: seconds as 1m 30s. */
  readonly valueDuration: string;
  /** `{{ $value | humanize1024 }}`: bytes as 1.5Mi. */
  readonly valueBytes: string;
}

/** An annotation: a Go template string, or a function of the typed template context. */
export type Template<L extends string> = string | ((t: TemplateContext<L>) => string);

/** Reads of `variable.name` as the template action printing it. */
const printing = (variable: string) => new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? `{{ ${variable}.${name} }}` : undefined) }) as Record<string, string>;

const context: TemplateContext<string> = {
  labels: printing('$labels'),
  externalLabels: printing('$externalLabels'),
  value: '{{ $value }}',
  valueHumanized: '{{ $value | humanize }}',
  valuePercent: '{{ $value | humanizePercentage }}',
  valueDuration: '{{ $value | humanizeDuration }}',
  valueBytes: '{{ $value | humanize1024 }}',
};

/** The Go template text of a template. */
export function renderTemplate(template: Template<string>): string {
  return typeof template === 'string' ? template : template(context);
}
