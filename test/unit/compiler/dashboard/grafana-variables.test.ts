import { describe, expect, it } from 'vitest';
import { numbersAsDurations, substituteGrafanaVariables, variableReferences, variableStandIns } from '../../../../src/compiler/dashboard/grafana-variables.ts';
import { customVariable, intervalVariable } from '../../../../src/sdk/index.ts';

describe("Grafana's variables in a query", () => {
  it('finds every spelling of a reference, once each', () => {
    expect(variableReferences('x{a=~"$a", b="${b:regex}", c="[[c]]"}[$__rate_interval] / x{a=~"$a"} > ${__to:date:seconds}')).toEqual(['a', 'b', 'c', '__rate_interval', '__to']);
  });

  it("stands in what Grafana fills outside strings: a duration, a number, or the dashboard variable's stand-in", () => {
    const standIns = variableStandIns([intervalVariable({ name: 'window', values: ['1h', '5m'] }), customVariable({ name: 'threshold', values: ['0.9', '0.99'] })]);
    // An interval variable at its shortest, where a range may span too few samples.
    expect(substituteGrafanaVariables('rate(x[$window]) offset ${window} / $__range_s > $threshold', standIns)).toBe('rate(x[5m]) offset 5m / 300 > 0.9');
    expect(substituteGrafanaVariables('rate(x[$__rate_interval]) and x > ${__from:date:seconds}', standIns)).toBe('rate(x[1y]) and x > 300');
  });

  it("stands in a custom variable's first value, not the text the picker shows", () => {
    const standIns = variableStandIns([customVariable({ name: 'limit', values: [{ text: 'Strict', value: '0.99' }, '0.9'] })]);
    expect(substituteGrafanaVariables('x > $limit', standIns)).toBe('x > 0.99');
  });

  it('leaves references in strings and other variables alone', () => {
    expect(substituteGrafanaVariables('x{a=~"$window", b=\'$__range\'}[$window] and on () $other', new Map([['window', '5m']]))).toBe('x{a=~"$window", b=\'$__range\'}[5m] and on () $other');
  });

  it('finds number variables where PromQL wants a duration, and only there', () => {
    expect(numbersAsDurations('rate(x[$__range_ms]) offset ${__interval_ms} / $__range_s + sum_over_time(y[$__range])')).toEqual(['__range_ms', '__interval_ms']);
    expect(numbersAsDurations('x{a="[$__range_ms]"} / $__range_s')).toEqual([]);
  });
});
