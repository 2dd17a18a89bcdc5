import { describe, expect, it } from 'vitest';
import { alert, dashboard, escalationPolicy, notifyConfig, panel, query, receiver, route, row, ruleGroup, webhook, type Rule } from '../../../src/sdk/index.ts';

// What a helper that forgot its `return` hands over; TypeScript flags it, the build must not crash.
const forgotten = undefined as never;

const up = alert({ name: 'Up', expr: 'up == 0', for: '5m', severity: 'warning', summary: 'down' });
const team = receiver({ name: 'team', channels: [webhook({ url: 'http://127.0.0.1:9/hook' })] });

describe('SDK constructors refuse a missing entry, naming the object and the index', () => {
  it('ruleGroup', () => {
    expect(() => ruleGroup({ name: 'sync', rules: [up, up, up, forgotten] })).toThrow('ruleGroup "sync": rules[3] is undefined; did a helper forget to return?');
    expect(() => ruleGroup({ name: 'sync', rules: forgotten as readonly Rule[] })).toThrow('ruleGroup "sync": rules is undefined, not a list; did a helper forget to return?');
  });

  it('dashboard: a panel above the rows, a row, a panel in a row', () => {
    const ok = panel.stat({ title: 'Up', queries: [query('up')] });
    expect(() => dashboard({ uid: 'd', title: 'D', panels: [ok, forgotten] })).toThrow('dashboard "d": panels[1] is undefined; did a helper forget to return?');
    expect(() => dashboard({ uid: 'd', title: 'D', rows: [forgotten] })).toThrow('dashboard "d": rows[0] is undefined; did a helper forget to return?');
    expect(() => dashboard({ uid: 'd', title: 'D', rows: [row('Now', [ok]), row('Then', [ok, forgotten])] })).toThrow(
      'dashboard "d": rows[1] ("Then").panels[1] is undefined; did a helper forget to return?',
    );
  });

  it('escalation policy, route, notifyConfig and receiver', () => {
    expect(() => escalationPolicy({ name: 'pager', steps: [{ after: '0s', notify: [team] }, { after: '10m', notify: ['team', forgotten] }] })).toThrow(
      'escalation policy "pager": steps[1].notify[1] is undefined; did a helper forget to return?',
    );
    expect(() => route({ name: 'root', receiver: team, routes: [forgotten] })).toThrow('route "root": routes[0] is undefined; did a helper forget to return?');
    expect(() => notifyConfig({ route: route({ receiver: team }), inhibitions: [forgotten] })).toThrow('notifyConfig: inhibitions[0] is undefined; did a helper forget to return?');
    expect(() => receiver({ name: 'ops', channels: [forgotten] })).toThrow('receiver "ops": channels[0] is undefined; did a helper forget to return?');
  });

  it('optional lists may be left out', () => {
    expect(dashboard({ uid: 'd', title: 'D' }).kind).toBe('dashboard');
    expect(route({ receiver: team }).kind).toBe('route');
  });
});
