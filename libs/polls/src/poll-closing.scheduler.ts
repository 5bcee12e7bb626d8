import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { PollsService } from './polls.service';

/** How often polls past their `closesAt` are looked for: a poll closes at most this late. */
export const POLL_CLOSING_INTERVAL_MS = 1_000;

/**
 * Closes polls once their `closesAt` passes, so `poll.closed` goes out (and the live gateway
 * relays `poll:closed`) without a moderator. Every process runs one; `PollsService.closeLapsed`
 * makes sure each poll is closed, and announced, once. Views do not wait for it: they show a poll
 * past its closesAt as closed already.
 */
@Injectable()
export class PollClosingScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PollClosingScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  /** Set while passes fail: the failure is logged once, not every second. */
  private failing = false;

  constructor(
    private readonly em: EntityManager,
    private readonly polls: PollsService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), POLL_CLOSING_INTERVAL_MS);
    // The timer alone never keeps the process alive.
    this.timer.unref();
  }

  /** No new pass after this; the one running finishes before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  /**
   * One pass in a MikroORM context of its own; while one runs (a slow database), the next tick
   * joins it instead of starting another. A failure (the database is down) is logged when it
   * starts, and every tick tries again.
   */
  runOnce(): Promise<void> {
    this.pass ??= RequestContext.create(this.em.fork(), () => this.polls.closeLapsed())
      .then((closed) => {
        if (this.failing) this.logger.log('Closing polls past their closing time works again');
        this.failing = false;
        if (closed > 0) this.logger.log(`Closed ${closed} poll(s) past their closing time`);
      })
      .catch((error: unknown) => {
        if (!this.failing) this.logger.error({ err: error }, 'Closing polls past their closing time failed; retrying every tick');
        this.failing = true;
      })
      .finally(() => {
        this.pass = null;
      });
    return this.pass;
  }
}
