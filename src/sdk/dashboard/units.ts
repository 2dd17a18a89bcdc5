/**
 * Grafana's unit ids for what a panel shows (its "Standard options > Unit"); any other string is a
 * compile error, where Grafana would silently show the raw number.
 */
export const UNITS = [
  // Plain numbers and shares
  'none', 'short', 'percent', 'percentunit',
  // Time
  's', 'ms', 'µs', 'ns', 'm', 'h', 'd', 'dtdurations', 'dtdurationms', 'clocks',
  // Data and data rates
  'bytes', 'decbytes', 'bits', 'decbits', 'Bps', 'binBps', 'bps', 'binbps',
  // Throughput
  'ops', 'reqps', 'rps', 'wps', 'iops', 'cps', 'opm', 'rpm',
  // Time of day
  'dateTimeAsIso', 'dateTimeFromNow',
] as const;

export type Unit = (typeof UNITS)[number];
