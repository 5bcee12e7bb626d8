import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FORMER_PARTICIPANT_NAME } from '@balai/contracts';
import { PersonalDataRegistry, PersonalDataSource } from '@balai/identity';
import { LiveQuestion } from './live-question.entity';
import { LiveSessionMute } from './live-session-mute.entity';
import { LiveUpvote } from './live-upvote.entity';

/**
 * The live sessions' part of a person's data: their questions, upvotes and the mutes against them
 * (without the moderator's id). Erasing keeps the questions under `FORMER_PARTICIPANT_NAME` and the
 * upvotes (the counts the room saw stay right); the mutes go with the account.
 */
@Injectable()
export class LivePersonalDataSource implements PersonalDataSource, OnModuleInit {
  readonly section = 'live';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string, em: EntityManager): Promise<Record<string, unknown>> {
    const questions = await em.find(LiveQuestion, { authorId: userId }, { orderBy: { id: 'asc' } });
    const upvotes = await em.find(LiveUpvote, { userId }, { orderBy: { createdAt: 'asc' } });
    const mutes = await em.find(LiveSessionMute, { userId }, { orderBy: { createdAt: 'asc' } });
    return {
      questions: questions.map((question) => ({
        id: question.id,
        sessionId: question.sessionId,
        text: question.text,
        authorName: question.authorName,
        anonymous: question.anonymous,
        status: question.status,
        upvotes: question.upvotes,
        rejectionReason: question.rejectionReason,
        createdAt: question.createdAt,
      })),
      upvotes: upvotes.map((upvote) => ({ questionId: upvote.questionId, sessionId: upvote.sessionId, createdAt: upvote.createdAt })),
      mutes: mutes.map((mute) => ({ sessionId: mute.sessionId, until: mute.until, reason: mute.reason, createdAt: mute.createdAt })),
    };
  }

  async eraseFor(userId: string, em: EntityManager): Promise<void> {
    await em.nativeUpdate(LiveQuestion, { authorId: userId }, { authorName: FORMER_PARTICIPANT_NAME });
    await em.nativeDelete(LiveSessionMute, { userId });
  }
}
