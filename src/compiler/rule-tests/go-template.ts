/**
 * Renders the annotation and alert label templates alertforge writes ({{ $labels.x }}, {{ $value }}
 * and the humanize functions) exactly as Prometheus prints them, so expected annotations and labels
 * a test does not name can be completed: promtool compares annotations exactly. Go's number formatting is
 * reproduced (sdk/go-float.ts) because JavaScript's differs (1e-05, %.4g).
 */
import { goFloat } from '../../sdk/go-float.ts';

/** `%.4g` */
const g4 = (value: number) => goFloat(value, 4);

function scaled(value: number, up: readonly string[], down: readonly string[], base: number): string {
  let v = value;
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of up) {
      if (Math.abs(v) < base) break;
      prefix = p;
      v /= base;
    }
  } else {
    for (const p of down) {
      if (Math.abs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
  }
  return `${g4(v)}${prefix}`;
}

const SMALL_PREFIXES = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  return scaled(v, ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'], SMALL_PREFIXES, 1000);
}

function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  return scaled(v, ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'], [], 1024);
}

function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return '0s';
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  if (abs >= 1) {
    const whole = Math.trunc(abs);
    const [days, hours, minutes, seconds] = [Math.trunc(whole / 86400), Math.trunc(whole / 3600) % 24, Math.trunc(whole / 60) % 60, whole % 60];
    if (days) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(abs)}s`;
  }
  return `${sign}${scaled(abs, [], SMALL_PREFIXES, 1000)}s`;
}

const FUNCTIONS: Readonly<Record<string, (v: number) => string>> = {
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage: (v) => `${g4(v * 100)}%`,
};

/** Why a template cannot be rendered here; the test must then name the annotation or label itself. */
export class UnrenderableTemplate extends Error {}

/**
 * The template's text for an alert with `labels` and `value`. `value` undefined means unknown:
 * a template that prints it throws UnrenderableTemplate.
 */
export function renderGoTemplate(template: string, labels: Readonly<Record<string, string>>, value: number | undefined): string {
  // Text and actions alternate: [text, action, text, …, text].
  const pieces = template.split(/\{\{([^]*?)\}\}/);
  for (let i = 1; i < pieces.length; i += 2) {
    // Go's trim markers, `{{- ` and ` -}}`, drop all the whitespace of the text beside them; `{{-3}}` prints -3.
    const action = pieces[i]!;
    const [left, right] = [/^-[ \t\r\n]/.test(action), /[ \t\r\n]-$/.test(action)];
    if (left) pieces[i - 1] = pieces[i - 1]!.replace(/[ \t\r\n]+$/, '');
    if (right) pieces[i + 1] = pieces[i + 1]!.replace(/^[ \t\r\n]+/, '');
    pieces[i] = renderAction(action.slice(left ? 1 : 0, right ? -1 : undefined).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''), labels, value);
  }
  return pieces.join('');
}

function renderAction(action: string, labels: Readonly<Record<string, string>>, value: number | undefined): string {
  const label = /^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(action);
  // Prometheus prints a label the alert's series lacks as nothing.
  if (label) return labels[label[1]!] ?? '';
  // promtool's rule tests run with no external labels and no external URL: both print nothing.
  if (/^\$externalLabels\.[a-zA-Z_][a-zA-Z0-9_]*$|^\$externalURL$/.test(action)) return '';
  const printed = /^\$value(?:\s*\|\s*(\w+))?$/.exec(action);
  if (!printed) throw new UnrenderableTemplate(`{{ ${action} }} is beyond what tests complete`);
  if (value === undefined) throw new UnrenderableTemplate('it prints the value');
  const fn = printed[1];
  if (fn === undefined) return goFloat(value, undefined);
  const format = FUNCTIONS[fn];
  if (!format) throw new UnrenderableTemplate(`{{ ${action} }} uses ${fn}, which tests do not complete`);
  return format(value);
}
