/**
 * Every naming convention alertforge relies on, in one place (as Sloth keeps its own), so the
 * compiler, the linter, the notifier config and the docs cannot disagree.
 */

/** Labels Prometheus attaches to every scraped series: always available to expressions. */
export const TARGET_LABELS = ['job', 'instance'] as const;

/** The label a histogram's bucket series carry. */
export const BUCKET_LABEL = 'le';

/** Suffixes of a histogram's series. */
export const HISTOGRAM_SUFFIXES = { bucket: '_bucket', sum: '_sum', count: '_count' } as const;

/** A counter's name ends with this. */
export const COUNTER_SUFFIX = '_total';

/** Label names an alert rule sets to say how urgent it is and who owns it. */
export const SEVERITY_LABEL = 'severity';
export const TEAM_LABEL = 'team';
export const SERVICE_LABEL = 'service';

/** Annotation keys Prometheus users and Alertmanager templates expect. */
export const SUMMARY_ANNOTATION = 'summary';
export const DESCRIPTION_ANNOTATION = 'description';
export const RUNBOOK_ANNOTATION = 'runbook_url';

/** Alert names are CamelCase (Prometheus' own convention). */
export const ALERT_NAME_RE = /^[A-Z][A-Za-z0-9]*$/;

/** Recording rules are named level:metric:operations. */
export const RECORDING_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

/** Valid Prometheus metric and label names. */
export const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Rule group names become file names, so they are kept to a safe alphabet. */
export const GROUP_NAME_RE = /^[a-z0-9][a-z0-9_.-]*$/;

/** Base units Prometheus recommends, and the non-base units to replace with them. */
export const NON_BASE_UNITS: Readonly<Record<string, string>> = {
  milliseconds: 'seconds',
  millis: 'seconds',
  ms: 'seconds',
  microseconds: 'seconds',
  nanoseconds: 'seconds',
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  kilobytes: 'bytes',
  megabytes: 'bytes',
  gigabytes: 'bytes',
  kb: 'bytes',
  mb: 'bytes',
  gb: 'bytes',
  bits: 'bytes',
  percent: 'ratio',
  celsius_degrees: 'celsius',
};

/** Where the compiler writes, relative to the project root. */
export const GENERATED_DIR = 'generated';
export const PROMETHEUS_RULES_DIR = 'generated/prometheus/rules';
export const ALERTS_DOC = 'generated/ALERTS.md';

/** Where the compiler looks for sources, relative to the project root. */
export const RULES_DIR = 'rules';
export const DASHBOARDS_DIR = 'dashboards';
