/**
 * What generated/prometheus/prometheus.yml holds beyond the rule files: the scrape jobs and where
 * alerts go. Declared once in rules/ (e.g. rules/prometheus.ts); the build writes the file with
 * every generated rule file listed, so Prometheus loads exactly what the sources declare.
 */
import { parseDuration, type Duration } from './duration.ts';
import { noteDeclared } from './declarations.ts';
import { LABEL_NAME_RE } from './conventions.ts';
import { callSite, type SourceLocation } from './source-location.ts';

/** Prometheus' static_configs take host:port, no scheme: a name, an IPv4 address, or an IPv6 one in brackets ([::1]:9090). */
const TARGET_RE = /^(?:\[[^\]\s/]+\]|[^\s/:[\]]+):(\d{1,5})$/;
const JOB_NAME_RE = /^[a-zA-Z0-9_.-]+$/;

export interface ScrapeJob {
  /** The `job` label of every series scraped; alerts select on it. */
  readonly name: string;
  /** host:port of each instance, an IPv6 host in brackets: [::1]:9100. */
  readonly targets: readonly string[];
  /** Default /metrics. */
  readonly metricsPath?: string;
  /** Default: the global scrape interval. */
  readonly scrapeInterval?: Duration;
}

export interface PrometheusConfigProps {
  /** How often targets are scraped. Default 15s. */
  readonly scrapeInterval?: Duration;
  /** How often rule groups without their own interval are evaluated. Default 15s. */
  readonly evaluationInterval?: Duration;
  readonly scrapeJobs: readonly ScrapeJob[];
  /**
   * host:port of what receives the alerts: the notifier (`alertforge notifier`, which speaks
   * Alertmanager's API, default 127.0.0.1:9093) or an Alertmanager.
   */
  readonly alertmanagers: readonly string[];
  /**
   * Labels this Prometheus adds to every alert it sends (and every series it federates or
   * remote-writes) that does not carry them already: `{ cluster: 'eu-1' }`. Routing on them is
   * checked against these values, and templates may print them as `{{ $externalLabels.cluster }}`.
   * Default none.
   */
  readonly externalLabels?: Readonly<Record<string, string>>;
}

export interface PrometheusConfig extends PrometheusConfigProps {
  readonly kind: 'prometheus-config';
  readonly source: SourceLocation | undefined;
}

/** Declare the Prometheus server config; one per project. Throws, naming the field, when invalid. */
export function prometheusConfig(props: PrometheusConfigProps): PrometheusConfig {
  const problems = configProblems(props);
  if (problems.length) throw new Error(`invalid prometheusConfig: ${problems.join('; ')}`);
  return noteDeclared({ kind: 'prometheus-config', ...props, source: callSite() });
}

// Checked by hand rather than with zod: the SDK is bundled into the user's sources and has no
// dependencies of its own.
function configProblems(props: PrometheusConfigProps): string[] {
  const problems: string[] = [];
  const targets = (path: string, list: readonly string[]) => {
    if (list.length === 0) problems.push(`${path}: at least one host:port`);
    list.forEach((t, i) => {
      const port = Number(TARGET_RE.exec(t)?.[1] ?? 0);
      // Prometheus's config check takes any port; a scrape of port 0 or past 65535 fails every time.
      if (port < 1 || port > 65535) problems.push(`${path}.${i}: host:port, without a scheme, the port 1 to 65535, e.g. 127.0.0.1:8080 or [::1]:8080 (got ${JSON.stringify(t)})`);
    });
  };
  const duration = (path: string, value: string | undefined) => {
    if (value !== undefined && !parseDuration(value)) problems.push(`${path}: a duration such as 15s or 1m (got ${JSON.stringify(value)})`);
  };
  duration('scrapeInterval', props.scrapeInterval);
  duration('evaluationInterval', props.evaluationInterval);
  if (props.scrapeJobs.length === 0) problems.push('scrapeJobs: at least one job');
  const names = new Set<string>();
  props.scrapeJobs.forEach((job, i) => {
    if (!JOB_NAME_RE.test(job.name)) problems.push(`scrapeJobs.${i}.name: letters, digits, _ . - (got ${JSON.stringify(job.name)})`);
    if (names.has(job.name)) problems.push(`scrapeJobs.${i}.name: ${job.name} is already the name of another job`);
    names.add(job.name);
    targets(`scrapeJobs.${i}.targets`, job.targets);
    duration(`scrapeJobs.${i}.scrapeInterval`, job.scrapeInterval);
    if (job.metricsPath !== undefined && !job.metricsPath.startsWith('/')) problems.push(`scrapeJobs.${i}.metricsPath: a path starting with /`);
  });
  targets('alertmanagers', props.alertmanagers);
  for (const [name, value] of Object.entries(props.externalLabels ?? {})) {
    if (!LABEL_NAME_RE.test(name) || name.startsWith('__')) problems.push(`externalLabels.${name}: a label name: letters, digits and _, not starting with a digit (nor with __, kept for Prometheus' own labels)`);
    // An empty value is no label at all on the alert.
    if (typeof value !== 'string' || value === '') problems.push(`externalLabels.${name}: a value that is not empty (got ${JSON.stringify(value)})`);
  }
  return problems;
}
