/** What the sync service runs on: its store connection pools and client WebSocket sessions. */
import { alert, ne, rate, ruleGroup, sum } from 'alertforge';
import { RUNBOOKS, SYNC_TEAM } from './labels.ts';
import { poolConnectionsInUse, poolConnectionsMax, websocketDisconnects } from './metrics.ts';

export const resources = ruleGroup({
  name: 'resources',
  interval: '30s',
  rules: [
    alert({
      name: 'ConnectionPoolNearExhaustion',
      expr: sum(poolConnectionsInUse.select(), { by: ['instance', 'pool'] })
        .div(sum(poolConnectionsMax.select(), { by: ['instance', 'pool'] }))
        .gt(0.9),
      for: '5m',
      severity: 'warning',
      when: 'more than 90% of a store connection pool is in use',
      summary: (t) => `Connection pool ${t.labels.pool} on ${t.labels.instance} is ${t.valuePercent} in use`,
      description: (t) =>
        `Pool ${t.labels.pool} on ${t.labels.instance} has had more than 90% of its connections in use for 5 minutes (${t.valuePercent}); new sync operations will queue for a connection.`,
      runbook: `${RUNBOOKS}/connection-pool-exhaustion`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'WebSocketDisconnectSpike',
      expr: sum(rate(websocketDisconnects.select({ reason: ne('client') }).range('5m')), { by: ['instance'] }).gt(5),
      for: '5m',
      severity: 'warning',
      when: 'more than 5 client WebSocket sessions a second end for a reason other than the client closing them',
      summary: (t) => `${t.valueHumanized} WebSocket sessions a second drop on ${t.labels.instance}`,
      description: (t) =>
        `Client sessions on ${t.labels.instance} have been ending by timeout or error at ${t.valueHumanized}/s for 5 minutes; clients lose live updates.`,
      runbook: `${RUNBOOKS}/websocket-disconnects`,
      labels: SYNC_TEAM,
    }),
  ],
});
