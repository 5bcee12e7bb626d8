import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '@balai/events';
import type { ModerationActionEvent } from '@balai/moderation';
import { TransparencyLogService } from './transparency-log.service';

/** Every moderation action, once its transaction committed, becomes a `moderation.action` log entry (in a transaction of its own). */
@Injectable()
export class ModerationActionListener {
  constructor(private readonly log: TransparencyLogService) {}

  @OnDomainEvent('moderation.action')
  moderationAction(event: ModerationActionEvent): void | Promise<void> {
    return this.log.appendOrLog(`moderation action ${event.actionId}`, () => this.log.appendModerationAction(event));
  }
}
