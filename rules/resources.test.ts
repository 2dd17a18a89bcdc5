/** Resource alerts, each shown firing and quiet just below its threshold. */
import { ruleTest, series } from 'alertforge';
import { poolConnectionsInUse, poolConnectionsMax, websocketDisconnects } from './metrics.ts';

const instance = 'sync-1:8080';

function pool(inUse: number) {
  return [series(poolConnectionsInUse, { instance, pool: 'store' }, `${inUse}x20`), series(poolConnectionsMax, { instance, pool: 'store' }, '20x20')];
}

export const poolNearExhaustion = ruleTest({
  name: 'ConnectionPoolNearExhaustion fires when 19 of 20 connections are in use for 5 minutes',
  series: pool(19),
  alerts: [{ at: '10m', alert: 'ConnectionPoolNearExhaustion', firing: [{ value: 0.95 }] }],
});

export const poolNearExhaustionQuiet = ruleTest({
  name: 'ConnectionPoolNearExhaustion stays quiet at exactly 90% in use',
  series: pool(18),
  alerts: [{ at: '10m', alert: 'ConnectionPoolNearExhaustion', firing: [] }],
});

export const disconnectSpike = ruleTest({
  name: 'WebSocketDisconnectSpike fires when 6 sessions a second time out',
  series: [series(websocketDisconnects, { instance, reason: 'timeout' }, '0+360x20')],
  alerts: [{ at: '15m', alert: 'WebSocketDisconnectSpike', firing: [{ value: 6 }] }],
});

export const disconnectSpikeQuiet = ruleTest({
  name: 'WebSocketDisconnectSpike stays quiet at 4.9 timeouts a second, however many clients leave',
  series: [series(websocketDisconnects, { instance, reason: 'timeout' }, '0+294x20'), series(websocketDisconnects, { instance, reason: 'client' }, '0+6000x20')],
  alerts: [{ at: '15m', alert: 'WebSocketDisconnectSpike', firing: [] }],
});
