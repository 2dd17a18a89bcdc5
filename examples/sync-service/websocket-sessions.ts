import { metrics } from './service-metrics.ts';

/** Reasons a session ends, as sync_websocket_disconnects_total counts them. */
type DisconnectReason = 'client' | 'timeout' | 'error';

/**
 * Client sessions for live updates, simulated: clients come and go around a steady number, and a
 * few time out. The service has no real WebSocket server; the metrics behave as one's would.
 */
export class WebSocketSessions {
  private open = 0;

  constructor(private readonly typical: number) {
    metrics.websocketSessions.set(0);
  }

  /** One tick of client churn. */
  churn(): void {
    const arriving = Math.round(Math.random() * 3 + (this.open < this.typical ? 1 : 0));
    const leaving = Math.min(this.open, Math.round(Math.random() * 3));
    this.open += arriving;
    for (let i = 0; i < leaving; i++) this.close(Math.random() < 0.9 ? 'client' : 'timeout');
    metrics.websocketSessions.set(this.open);
  }

  private close(reason: DisconnectReason): void {
    this.open--;
    metrics.websocketDisconnects.inc({ reason });
  }
}
