/** Grafana's unit ids for the values a panel shows; anything else is a compile error. */
export const UNITS = [
  'none', 'short', 'percent', 'percentunit',
  's', 'ms', 'µs', 'ns', 'dtdurations', 'clocks',
  'bytes', 'decbytes', 'bits', 'Bps', 'binBps', 'bps',
  'ops', 'reqps', 'rps', 'wps', 'iops', 'cps',
  'dateTimeAsIso', 'dateTimeFromNow',
] as const;

export type Unit = (typeof UNITS)[number];
