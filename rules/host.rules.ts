/** The hosts the sync service runs on, from node_exporter. */
import { alert, avg, nre, predictLinear, rate, ruleGroup, eq } from 'alertforge';
import { HOST_TEAM, RUNBOOKS } from './labels.ts';
import { nodeCpuSeconds, nodeFilesystemAvail, nodeFilesystemSize, nodeMemoryAvailable, nodeMemoryTotal } from './metrics.ts';

const realFilesystems = { fstype: nre('tmpfs|overlay|squashfs') };

export const host = ruleGroup({
  name: 'host',
  interval: '1m',
  rules: [
    alert({
      name: 'HostCpuHigh',
      expr: avg(rate(nodeCpuSeconds.select({ mode: eq('idle') }).range('5m')), { by: ['instance'] }).lt(0.1),
      for: '15m',
      severity: 'warning',
      when: "a host's CPUs are idle less than 10% of the time",
      summary: (t) => `CPU of ${t.labels.instance} is only ${t.valuePercent} idle`,
      description: (t) => `${t.labels.instance} has had its CPUs idle less than 10% of the time for 15 minutes (${t.valuePercent} idle): it is saturated.`,
      runbook: `${RUNBOOKS}/host-cpu-high`,
      labels: HOST_TEAM,
    }),
    alert({
      name: 'HostMemoryLow',
      expr: nodeMemoryAvailable.select().div(nodeMemoryTotal.select()).lt(0.1),
      for: '10m',
      severity: 'warning',
      when: 'less than 10% of a host\'s memory is available',
      summary: (t) => `Only ${t.valuePercent} of memory is available on ${t.labels.instance}`,
      description: (t) => `${t.labels.instance} has had less than 10% of its memory available for 10 minutes (${t.valuePercent}); the kernel will soon reclaim aggressively or kill processes.`,
      runbook: `${RUNBOOKS}/host-memory-low`,
      labels: HOST_TEAM,
    }),
    alert({
      name: 'HostDiskWillFillIn4Hours',
      expr: predictLinear(nodeFilesystemAvail.select(realFilesystems).range('6h'), 4 * 3600).lt(0),
      for: '30m',
      severity: 'critical',
      when: 'a host filesystem, at its rate of the last 6 hours, will be full within 4 hours',
      summary: (t) => `${t.labels.mountpoint} on ${t.labels.instance} will be full within 4 hours`,
      description: (t) =>
        `At the rate of the last 6 hours, filesystem ${t.labels.mountpoint} (${t.labels.device}) on ${t.labels.instance} runs out of space within 4 hours.`,
      runbook: `${RUNBOOKS}/host-disk-filling`,
      labels: HOST_TEAM,
    }),
    alert({
      name: 'HostDiskAlmostFull',
      expr: nodeFilesystemAvail.select(realFilesystems).div(nodeFilesystemSize.select(realFilesystems)).lt(0.1),
      for: '15m',
      severity: 'warning',
      when: 'less than 10% of a host filesystem is free',
      summary: (t) => `${t.labels.mountpoint} on ${t.labels.instance} has ${t.valuePercent} free`,
      description: (t) => `Filesystem ${t.labels.mountpoint} (${t.labels.device}) on ${t.labels.instance} has had less than 10% free for 15 minutes (${t.valuePercent}).`,
      runbook: `${RUNBOOKS}/host-disk-almost-full`,
      labels: HOST_TEAM,
    }),
  ],
});
