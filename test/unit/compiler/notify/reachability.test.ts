import { describe, expect, it } from 'vitest';
import { staticLabels } from '../../../../src/compiler/notify/reachability.ts';
import { alert } from '../../../../src/sdk/index.ts';

const rule = alert({ name: 'QueueStuck', expr: 'queue_depth > 1000', for: '5m', severity: 'critical', summary: 'stuck', labels: { team: 'sync', region: 'rule' } });

describe('the labels an alert is sent with, as far as the build knows them', () => {
  it("are its rule's labels, alertname and severity, and the external labels it does not carry itself", () => {
    expect(staticLabels(rule, { cluster: 'eu-1', region: 'external' }, new Set(['instance', 'job']))).toEqual({
      cluster: 'eu-1',
      region: 'rule',
      team: 'sync',
      alertname: 'QueueStuck',
      severity: 'critical',
    });
  });

  it('leave out an external label the expression keeps: the series gives it, unless empty there', () => {
    expect(staticLabels(rule, { cluster: 'eu-1' }, new Set(['cluster', 'instance']))).not.toHaveProperty('cluster');
    // An expression whose labels cannot be told is taken to keep none of them.
    expect(staticLabels(rule, { cluster: 'eu-1' }, null)).toHaveProperty('cluster', 'eu-1');
  });
});
