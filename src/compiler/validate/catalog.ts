/** Checks the metric catalog: unique valid names, and Prometheus' naming conventions as warnings. */
import { relative } from 'node:path';
import { BUCKET_LABEL, COUNTER_SUFFIX, LABEL_NAME_RE, METRIC_NAME_RE, NON_BASE_UNITS, TARGET_LABELS } from '../../sdk/conventions.ts';
import type { Metric } from '../../sdk/catalog.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';

export function validateCatalog(root: string, metrics: readonly Sourced<Metric>[], diagnostics: Diagnostics): void {
  const byName = new Map<string, Metric>();
  for (const { value: metric, file } of metrics) {
    const source = metric.source ?? { file, line: 1 };
    const subject = `metric "${metric.name}"`;
    const previous = byName.get(metric.name);
    if (previous) {
      diagnostics.error(source, subject, 'is declared twice', `keep one declaration (the other is at ${previous.source ? `${relative(root, previous.source.file)}:${previous.source.line}` : 'another file'}) and import it where needed`);
      continue;
    }
    byName.set(metric.name, metric);
    if (!METRIC_NAME_RE.test(metric.name) || metric.name.includes(':')) {
      diagnostics.error(source, subject, 'is not a valid metric name', 'use letters, digits and underscores, not starting with a digit (colons are for recording rules)');
    }
    if (!metric.help.trim()) diagnostics.error(source, subject, 'has no help text', 'say what it measures: it becomes the # HELP line and the docs');
    if (metric.type === 'counter' && !metric.name.endsWith(COUNTER_SUFFIX)) {
      diagnostics.warn(source, subject, `is a counter but its name does not end in ${COUNTER_SUFFIX}`, `rename it ${metric.name}${COUNTER_SUFFIX}`);
    }
    if (metric.type !== 'counter' && metric.name.endsWith(COUNTER_SUFFIX)) {
      diagnostics.warn(source, subject, `is a ${metric.type} but its name ends in ${COUNTER_SUFFIX}, which Prometheus reserves for counters`, 'drop the suffix, or make it a counter');
    }
    for (const part of metric.name.split('_')) {
      const base = NON_BASE_UNITS[part];
      if (base) diagnostics.warn(source, subject, `uses the unit "${part}"; Prometheus names metrics in base units`, `use ${base} (and convert the value)`);
    }
    const seen = new Set<string>();
    for (const label of metric.labels) {
      if (seen.has(label)) diagnostics.error(source, subject, `declares label "${label}" twice`);
      seen.add(label);
      if (!LABEL_NAME_RE.test(label)) diagnostics.error(source, subject, `label "${label}" is not a valid label name`, 'use letters, digits and underscores, not starting with a digit');
      else if (label.startsWith('__')) diagnostics.error(source, subject, `label "${label}" starts with __, which Prometheus reserves for internal use`);
      else if ((TARGET_LABELS as readonly string[]).includes(label)) {
        diagnostics.warn(source, subject, `declares label "${label}", which scraping sets on every series`, `drop it from labels; "${label}" is always available (set honor_labels to keep an exported one)`);
      } else if (metric.type === 'histogram' && (label === BUCKET_LABEL || label === 'quantile')) {
        diagnostics.error(source, subject, `label "${label}" is reserved for histogram and summary series`, 'rename it');
      }
    }
    if (metric.type === 'histogram') {
      const buckets = metric.buckets ?? [];
      if (buckets.length === 0) diagnostics.error(source, subject, 'is a histogram with no buckets', 'give buckets, e.g. [0.1, 0.5, 1, 5]');
      if (buckets.some((b, i) => i > 0 && b <= buckets[i - 1]!)) diagnostics.error(source, subject, 'has buckets that are not strictly ascending', `got ${buckets.join(', ')}`);
    }
  }
}
