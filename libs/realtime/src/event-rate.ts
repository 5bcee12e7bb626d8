/** How often, in milliseconds, the count of refused events starts again (LIVE_FLOOD_DISCONNECT_AFTER counts within it). */
export const FLOOD_WINDOW_MS = 10_000;

export type EventRateVerdict = 'pass' | 'refuse' | 'disconnect';

/**
 * One socket's event allowance: a bucket of `perSecond` events, refilled at `perSecond` a second, so a
 * client may send a burst of that size and then that rate. An event with no token left is refused
 * (an error ack, no handler runs); a socket refused `disconnectAfter` times within 10 s keeps
 * flooding and is disconnected. In memory: a socket lives on one process.
 */
export class EventRate {
  private tokens: number;
  private refilledAt: number;
  private refusals = 0;
  private windowStartedAt = 0;

  constructor(
    private readonly perSecond: number,
    private readonly disconnectAfter: number,
    now = Date.now(),
  ) {
    this.tokens = perSecond;
    this.refilledAt = now;
  }

  take(now = Date.now()): EventRateVerdict {
    if (this.tokens < this.perSecond) {
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.refilledAt) * this.perSecond) / 1000);
    }
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'pass';
    }
    if (now - this.windowStartedAt >= FLOOD_WINDOW_MS) {
      this.windowStartedAt = now;
      this.refusals = 0;
    }
    return ++this.refusals >= this.disconnectAfter ? 'disconnect' : 'refuse';
  }
}
