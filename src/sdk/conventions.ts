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

/** The routing the notifier runs, its JSON Schema, and the same routing for Alertmanager. */
export const NOTIFIER_CONFIG = 'generated/notifier/notifier.yaml';
export const NOTIFIER_SCHEMA = 'generated/notifier/notifier.schema.json';
export const ALERTMANAGER_CONFIG = 'generated/alertmanager/alertmanager.yml';
/** Where alertmanager.yml's *_file fields point: mount each secret there, named after its environment variable. */
export const ALERTMANAGER_SECRETS_DIR = '/etc/alertmanager/secrets';

/** Where the compiler looks for sources, relative to the project root. */
export const RULES_DIR = 'rules';
export const DASHBOARDS_DIR = 'dashboards';

/**
 * SLOs: the labels their recorded series and alerts carry, and the names of the recording rules
 * (Sloth's, so dashboards and queries written for Sloth read them unchanged).
 */
export const SLO_SERVICE_LABEL = 'slo_service';
export const SLO_NAME_LABEL = 'slo';
export const SLO_WINDOW_LABEL = 'slo_window';
/** The burn-rate tier of an SLO alert (`page`, `ticket`); an inhibition lets a page mute its ticket. */
export const SLO_TIER_LABEL = 'slo_tier';
export const SLO_RECORDINGS = {
  /** The SLI's error ratio over a window: `slo:sli_error:ratio_rate5m`, ..., and over the whole period. */
  errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  /** Events a second over a window, all and bad: the period ratio weighs each 5m by its traffic. */
  eventRate: (window: string) => `slo:sli_events:rate${window}`,
  badEventRate: (window: string) => `slo:sli_bad_events:rate${window}`,
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  periodDays: 'slo:time_period:days',
  /** How fast the budget burns now (5m error ratio / budget); 1 spends it exactly over the period. */
  currentBurnRate: 'slo:current_burn_rate:ratio',
  periodBurnRate: 'slo:period_burn_rate:ratio',
  /** Share of the period's error budget left: 1 untouched, 0 spent, below 0 overspent. */
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
} as const;
/** Each SLO compiles into its own rule group, `slo-<service>-<name>`. */
export const SLO_GROUP_PREFIX = 'slo-';

/** Lint checks a rule may waive, with a reason, in its `waive` field. */
export const LINT_CHECKS = [
  'alert-condition',
  'alert-label-value',
  'counter-value',
  'description-present',
  'description-templated',
  'group-size',
  'rate-over-counter',
  'histogram-quantile-over-buckets',
  'for-vs-evaluation-interval',
  'range-vs-scrape-interval',
  'regex-could-be-equality',
  'vector-matching',
] as const;
/** More rules than this in one group: it evaluates slowly and reviews badly. */
export const LINT_MAX_GROUP_RULES = 30;
/** Where rule unit tests live (rules/*.test.ts) and where the compiler writes promtool's files. */
export const RULE_TEST_SUFFIX = '.test.ts';
export const PROMETHEUS_TESTS_DIR = 'generated/prometheus/tests';

/** Grafana: the Prometheus datasource every generated panel references, and where files go. */
export const GRAFANA_DATASOURCE_UID = 'alertforge-prometheus';
export const GRAFANA_DATASOURCE_NAME = 'Prometheus (alertforge)';
/** The Grafana folder dashboards go to, by provisioning and by `alertforge grafana deploy`. */
export const GRAFANA_FOLDER = 'alertforge';
export const GRAFANA_DASHBOARDS_DIR = 'generated/grafana/dashboards';
export const GRAFANA_PROVISIONING_DIR = 'generated/grafana/provisioning';
/** Grafana's grid is 24 columns wide. */
export const GRAFANA_GRID_WIDTH = 24;
/** Grafana dashboard uids: letters, digits, - and _, at most 40 characters. */
export const DASHBOARD_UID_RE = /^[a-zA-Z0-9_-]{1,40}$/;
