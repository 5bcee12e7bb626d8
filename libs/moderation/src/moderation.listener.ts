import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OnDomainEvent } from '@balai/events';
import type { PostCreatedEvent, ThreadCreatedEvent } from '@balai/forum';
import type { QuestionAskedEvent, QuestionModeratedEvent } from '@balai/live';
import { moderatorsRoom, RealtimeHub } from '@balai/realtime';
import { BannedWordsService } from './banned-words.service';
import type { ModerationActionEvent } from './moderation.events';
import { ModerationItem } from './moderation-item.entity';
import { ModerationService } from './moderation.service';

const CONSOLE_ACTIONS: Record<string, 'approve' | 'reject' | 'hide' | 'merge' | undefined> = {
  approve: 'approve',
  reject: 'reject',
  archive: 'hide',
  merge: 'merge',
};

/**
 * Fills the queue from what other domains announce (a pending live question, a thread or post the
 * banned words held back), logs what the live console did to questions, and tells a session's
 * moderators on `/live` that an item was resolved.
 */
@Injectable()
export class ModerationListener {
  constructor(
    private readonly em: EntityManager,
    private readonly moderation: ModerationService,
    private readonly words: BannedWordsService,
    private readonly hub: RealtimeHub,
  ) {}

  @OnDomainEvent('question.asked')
  questionAsked(event: QuestionAskedEvent): void | Promise<void> {
    if (event.question.status === 'pending') return this.queueQuestion(event);
  }

  private async queueQuestion({ question, consultationId, flags }: QuestionAskedEvent): Promise<void> {
    await this.em.fork().transactional((em) =>
      this.moderation.addItem(em, {
        // The item of a pending question has its id: `moderation:item` on /live names the same item.
        id: question.id,
        type: flags.length > 0 ? 'flag' : 'question',
        targetType: 'question',
        targetId: question.id,
        excerpt: question.text,
        authorId: question.authorId,
        authorName: question.anonymous ? null : question.authorName,
        sessionId: question.sessionId,
        consultationId,
        threadId: null,
        reasons: flags.length > 0 ? ['banned_words', ...flags] : ['pre_moderation'],
      }),
    );
  }

  @OnDomainEvent('thread.created')
  threadCreated(event: ThreadCreatedEvent): void | Promise<void> {
    if (event.status === 'pending') return this.flag('thread', event.threadId);
  }

  @OnDomainEvent('post.created')
  postCreated(event: PostCreatedEvent): void | Promise<void> {
    if (event.status === 'pending') return this.flag('post', event.postId);
  }

  /** The live console's approve, reject, archive and merge: logged, and a pending item for the question resolved. */
  @OnDomainEvent('question.moderated')
  questionModerated(event: QuestionModeratedEvent): void | Promise<void> {
    const action = CONSOLE_ACTIONS[event.action];
    if (!event.viaDesk && action) return this.logConsoleAction(event, action);
  }

  private async logConsoleAction(event: QuestionModeratedEvent, action: 'approve' | 'reject' | 'hide' | 'merge'): Promise<void> {
    const { question } = event;
    // Read before the transaction: `target` uses its own connection, and embedded PGlite has one.
    const session = await this.moderation.target('question', question.id);
    await this.em.fork().transactional(async (em) => {
      const item = await em.findOne(ModerationItem, { targetType: 'question', targetId: question.id, status: 'pending' });
      if (item && action !== 'merge') {
        item.status = 'resolved';
        item.resolution = action;
        item.resolvedBy = event.moderatorId;
        item.resolvedAt = new Date();
        item.claimedBy = null;
        item.claimedUntil = null;
      }
      this.moderation.record(
        em,
        { id: event.moderatorId, displayName: event.moderatorName },
        {
          action: event.action,
          reasonCode: null,
          note: event.reason,
          target: { type: 'question', id: question.id },
          notifyUserId: action === 'merge' ? null : question.authorId,
          sessionId: question.sessionId,
          consultationId: session?.consultationId ?? null,
          itemId: item?.id ?? null,
        },
      );
    });
  }

  @OnDomainEvent('moderation.action')
  actionTaken(event: ModerationActionEvent): void {
    if (event.itemId && event.sessionId) this.hub.send(moderatorsRoom(event.sessionId), 'moderation:resolved', { itemId: event.itemId });
  }

  private async flag(type: 'thread' | 'post', id: string): Promise<void> {
    const target = await this.moderation.target(type, id);
    if (!target) return;
    const words = this.words.match(target.excerpt);
    await this.em.fork().transactional((em) =>
      this.moderation.addItem(em, {
        type: 'flag',
        targetType: type,
        targetId: id,
        excerpt: target.excerpt,
        authorId: target.authorId,
        authorName: target.authorName,
        sessionId: null,
        consultationId: target.consultationId,
        threadId: target.threadId,
        reasons: ['banned_words', ...words],
      }),
    );
  }
}
