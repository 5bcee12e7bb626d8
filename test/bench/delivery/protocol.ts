/** Messages between the delivery benchmark's coordinator and its two processes. */
export interface DeliveryCommand {
  type: 'send';
  method: 'emit' | 'frame';
  /** Windows of counts to send, and their length. */
  windows: number;
  windowMs: number;
  /** 1: every socket in one burst per window; 2, 4 or 8: groups of shards take turns. */
  turns: number;
  /** Questions per count message. */
  changed: number;
}

export type FromDeliveryServer = { type: 'port'; port: number; connected: number } | { type: 'sent'; cpuUs: number; elapsedMs: number };

export type ToDeliveryClients = { type: 'connect'; origin: string; n: number } | { type: 'count' };
export type FromDeliveryClients = { type: 'connected'; n: number } | { type: 'counted'; received: number };
