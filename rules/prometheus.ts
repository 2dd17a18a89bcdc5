/**
 * The Prometheus server of the data sync system: what it scrapes and where its alerts go. The
 * build writes generated/prometheus/prometheus.yml from this, with every rule file listed.
 */
import { prometheusConfig } from 'alertforge';
import { SYNC_SERVICE_JOB } from './availability.rules.ts';

export const NOTIFIER_JOB = 'notifier';
export const NODE_JOB = 'node';

export const prometheus = prometheusConfig({
  scrapeInterval: '15s',
  evaluationInterval: '30s',
  scrapeJobs: [
    // examples/sync-service (its --listen default)
    { name: SYNC_SERVICE_JOB, targets: ['127.0.0.1:8080'] },
    // `alertforge notifier` (its --listen default): its own delivery metrics
    { name: NOTIFIER_JOB, targets: ['127.0.0.1:9093'] },
    // prometheus-node-exporter: host CPU, memory, disk and network
    { name: NODE_JOB, targets: ['127.0.0.1:9100'] },
  ],
  alertmanagers: ['127.0.0.1:9093'],
});
