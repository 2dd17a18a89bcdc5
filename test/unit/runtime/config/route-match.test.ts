import { describe, expect, it } from 'vitest';
import { matchRoutes } from '../../../../src/runtime/config/route-match.ts';
import { routeSchema, type Route } from '../../../../src/runtime/config/schema.ts';

const tree: Route = routeSchema.parse({
  receiver: 'default',
  group_by: ['alertname'],
  routes: [
    { name: 'db', matchers: [{ label: 'service', op: '=~', value: 'db|cache' }], receiver: 'db-team', group_wait: '10s', continue: true },
    { name: 'critical', matchers: [{ label: 'severity', op: '=', value: 'critical' }], escalation: 'pager', routes: [{ name: 'eu', matchers: [{ label: 'region', op: '=', value: 'eu' }], group_by: ['...'] }] },
    { name: 'not-prod', matchers: [{ label: 'env', op: '!=', value: 'prod' }], receiver: 'dev' },
  ],
});

const names = (labels: Record<string, string>) => matchRoutes(tree, labels).map((m) => m.path.map((r) => r.name ?? 'root').join('>'));

describe("Alertmanager's routing semantics", () => {
  it('takes the first matching child, and goes on past one that continues', () => {
    expect(names({ service: 'db', severity: 'critical', env: 'prod' })).toEqual(['root>db', 'root>critical']);
    expect(names({ severity: 'critical', env: 'prod' })).toEqual(['root>critical']);
  });

  it('anchors regexes and treats a missing label as the empty string', () => {
    expect(names({ service: 'dbx', env: 'prod' })).toEqual(['root']);
    // env is missing, so env!="prod" matches.
    expect(names({})).toEqual(['root>not-prod']);
  });

  it('inherits receiver, escalation, grouping and timings from the parent', () => {
    const [eu] = matchRoutes(tree, { severity: 'critical', region: 'eu', env: 'prod' });
    expect(eu).toMatchObject({ escalation: 'pager', receiver: undefined, groupBy: 'all', groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' });
    const [db] = matchRoutes(tree, { service: 'cache', env: 'prod' });
    expect(db).toMatchObject({ receiver: 'db-team', groupBy: ['alertname'], groupWait: '10s' });
  });
});
