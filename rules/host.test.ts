/** Host alerts, each shown firing and quiet just below its threshold. */
import { ruleTest, series } from 'alertforge';
import { nodeCpuSeconds, nodeFilesystemAvail, nodeFilesystemSize, nodeMemoryAvailable, nodeMemoryTotal } from './metrics.ts';

const instance = 'host-1:9100';
const data = { instance, device: 'sda1', fstype: 'ext4', mountpoint: '/data' } as const;

/** Two CPUs, each idle `idlePerMinute` seconds a minute. */
function idle(idlePerMinute: number) {
  return [0, 1].map((cpu) => series(nodeCpuSeconds, { instance, cpu: String(cpu), mode: 'idle' }, `0+${idlePerMinute}x30`));
}

export const cpuHigh = ruleTest({
  name: 'HostCpuHigh fires when the CPUs are 5% idle for 15 minutes',
  series: idle(3),
  alerts: [{ at: '25m', alert: 'HostCpuHigh', firing: [{ value: 0.05 }] }],
});

export const cpuHighQuiet = ruleTest({
  name: 'HostCpuHigh stays quiet at 11% idle',
  series: idle(6.6),
  alerts: [{ at: '25m', alert: 'HostCpuHigh', firing: [] }],
});

function memory(available: number) {
  return [series(nodeMemoryAvailable, { instance }, `${available}x20`), series(nodeMemoryTotal, { instance }, '10000000000x20')];
}

export const memoryLow = ruleTest({
  name: 'HostMemoryLow fires when 8% of memory is available for 10 minutes',
  series: memory(800_000_000),
  alerts: [{ at: '15m', alert: 'HostMemoryLow', firing: [{ value: 0.08 }] }],
});

export const memoryLowQuiet = ruleTest({
  name: 'HostMemoryLow stays quiet at 11% available',
  series: memory(1_100_000_000),
  alerts: [{ at: '15m', alert: 'HostMemoryLow', firing: [] }],
});

/** A 10 GB filesystem filling by `bytesPerMinute`, on a 100 GB disk. */
function filling(bytesPerMinute: number) {
  return [series(nodeFilesystemAvail, data, `10000000000-${bytesPerMinute}x70`), series(nodeFilesystemSize, data, '100000000000x70')];
}

export const diskWillFill = ruleTest({
  name: 'HostDiskWillFillIn4Hours fires when 10 GB free shrink by 3 GB an hour',
  series: filling(50_000_000),
  alerts: [{ at: '60m', alert: 'HostDiskWillFillIn4Hours', firing: [{}] }],
});

export const diskWillFillQuiet = ruleTest({
  name: 'HostDiskWillFillIn4Hours stays quiet when the space left lasts just over 4 hours',
  // After an hour, 8.2 GB are left, shrinking 1.8 GB an hour: 4.6 hours to go.
  series: filling(30_000_000),
  alerts: [{ at: '60m', alert: 'HostDiskWillFillIn4Hours', firing: [] }],
});

function diskFree(available: number) {
  return [series(nodeFilesystemAvail, data, `${available}x30`), series(nodeFilesystemSize, data, '100000000000x30')];
}

export const diskAlmostFull = ruleTest({
  name: 'HostDiskAlmostFull fires when 5% of a filesystem is free for 15 minutes',
  series: diskFree(5_000_000_000),
  alerts: [{ at: '20m', alert: 'HostDiskAlmostFull', firing: [{ value: 0.05 }] }],
});

export const diskAlmostFullQuiet = ruleTest({
  name: 'HostDiskAlmostFull stays quiet at 11% free',
  series: diskFree(11_000_000_000),
  alerts: [{ at: '20m', alert: 'HostDiskAlmostFull', firing: [] }],
});
