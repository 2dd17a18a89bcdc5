import { describe, expect, it } from 'vitest';
import { completeLabels } from '../../../../src/compiler/rule-tests/complete-labels.ts';
import { analyzePromql } from '../../../../src/compiler/promql/analyze.ts';

const EXPR = 'queue_depth{connector="crm"} > 100';
const complete = (ruleLabels: Record<string, string>, named: Record<string, string> = {}, alert?: { value: number | undefined }) =>
  completeLabels(EXPR, analyzePromql(EXPR, () => ({ labels: new Set(['connector']), kind: 'gauge' })), ruleLabels, [], named, alert);

describe('an alert\'s labels are completed as Prometheus renders them', () => {
  it('renders templated labels with the expression\'s labels and the value', () => {
    const { all, unrenderable } = complete({ queue: '{{ $labels.connector }}-queue', depth: '{{ $value }}', severity: 'page' }, {}, { value: 2000000 });
    expect(all).toEqual({ connector: 'crm', queue: 'crm-queue', depth: '2e+06', severity: 'page' });
    expect(unrenderable).toEqual([]);
  });

  it('drops a label that renders empty, as Prometheus does', () => {
    expect(complete({ team: '' }, {}, { value: 1 }).all).toEqual({ connector: 'crm' });
  });

  it('asks the test to name a label it cannot render, and renders none the test names', () => {
    const { all, unrenderable } = complete({ depth: '{{ $value }}', kind: '{{ if true }}x{{ end }}' }, { kind: 'x' }, { value: undefined });
    expect(unrenderable).toEqual([{ label: 'depth', reason: 'it prints the value' }]);
    expect(all).toEqual({ connector: 'crm', kind: 'x' });
  });

  it('keeps a recording rule\'s labels as written: Prometheus renders only an alert\'s', () => {
    expect(complete({ queue: '{{ $labels.connector }}-queue' }).all).toEqual({ connector: 'crm', queue: '{{ $labels.connector }}-queue' });
  });
});
