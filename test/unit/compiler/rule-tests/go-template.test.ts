import { describe, expect, it } from 'vitest';
import { renderGoTemplate, UnrenderableTemplate } from '../../../../src/compiler/rule-tests/go-template.ts';

const render = (template: string, value?: number) => renderGoTemplate(template, { connector: 'crm' }, value);

describe('annotation templates render as Prometheus prints them', () => {
  it('prints labels, and <no value> for a label the alert lacks', () => {
    expect(render('{{ $labels.connector }} on {{$labels.instance}}')).toBe('crm on <no value>');
  });

  it('prints the value as Go does, exponents included', () => {
    expect([0.1, 0.00001, 1e21, 123456.5].map((v) => render('{{ $value }}', v))).toEqual(['0.1', '1e-05', '1e+21', '123456.5']);
  });

  it('humanizes with four significant digits and SI prefixes', () => {
    expect([1500, 0.0015, 100000, 0].map((v) => render('{{ $value | humanize }}', v))).toEqual(['1.5k', '1.5m', '100k', '0']);
    expect(render('{{ $value | humanize1024 }}', 1536)).toBe('1.5ki');
  });

  it('prints percentages and durations without floating-point noise', () => {
    expect(render('{{ $value | humanizePercentage }}', 0.08000000000000002)).toBe('8%');
    expect(render('{{ $value | humanizePercentage }}', 0.123456)).toBe('12.35%');
    expect([4.25, 3725, 90061, 0.25].map((v) => render('{{ $value | humanizeDuration }}', v))).toEqual(['4.25s', '1h 2m 5s', '1d 1h 1m 1s', '250ms']);
  });

  it('refuses what it cannot complete, so the test must name it', () => {
    expect(() => render('{{ $value }}')).toThrow(UnrenderableTemplate);
    expect(() => render('{{ range $labels }}x{{ end }}', 1)).toThrow(UnrenderableTemplate);
  });
});
