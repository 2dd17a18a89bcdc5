/**
 * Numbers as Go prints them, which Prometheus' texts are made of: the `le` of a bucket a Go client
 * exposes, Prometheus 3's normalized `le`, a template's `{{ $value }}`. JavaScript's String() differs
 * (1e-05 against 0.00001, 2e+06 against 2000000).
 */

/**
 * Go's strconv 'g' formatting: `precision` significant digits (shortest when undefined), exponent
 * when exp < -4 or exp ≥ the precision, which is 6 for the shortest (so %v prints 2e+06).
 */
export function goFloat(value: number, precision: number | undefined): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exp] = (precision === undefined ? value.toExponential() : value.toExponential(precision - 1)).split('e') as [string, string];
  const exponent = Number(exp);
  const trim = (digits: string) => (digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits);
  if (exponent < -4 || exponent >= (precision ?? 6)) return `${trim(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const digits = precision === undefined ? mantissa.replace(/[-.]/g, '').length : precision;
  return trim(value.toFixed(Math.max(0, digits - 1 - exponent)));
}
