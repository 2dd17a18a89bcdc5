import { describe, expect, it } from 'vitest';
import { substituteGrafanaVariables, variableReferences } from '../../../../src/compiler/dashboard/grafana-variables.ts';

describe("Grafana's variables in a query", () => {
  it('finds every spelling of a reference, once each', () => {
    expect(variableReferences('x{a=~"$a", b="${b:regex}", c="[[c]]"}[$__rate_interval] / x{a=~"$a"}')).toEqual(['a', 'b', 'c', '__rate_interval']);
  });

  it('stands in a duration for interval and built-in variables outside strings, wherever a duration goes', () => {
    const intervals = new Set(['window']);
    expect(substituteGrafanaVariables('rate(x[$window]) offset ${window} / $__range_s', intervals)).toBe('rate(x[5m]) offset 5m / 5m');
    expect(substituteGrafanaVariables('rate(x[$__rate_interval])')).toBe('rate(x[5m])');
  });

  it('leaves references in strings and other variables alone', () => {
    expect(substituteGrafanaVariables('x{a=~"$window", b=\'$__range\'}[$window] and on () $other', new Set(['window']))).toBe('x{a=~"$window", b=\'$__range\'}[5m] and on () $other');
  });
});
