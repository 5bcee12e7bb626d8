import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FORMER_PARTICIPANT_NAME } from '@balai/contracts';
import { PersonalDataRegistry, PersonalDataSource } from '@balai/identity';
import { ForumPost } from './forum-post.entity';
import { ForumThread } from './forum-thread.entity';
import { ThreadProgressChange } from './thread-progress-change.entity';
import { ThreadSupport } from './thread-support.entity';

/**
 * The forum's part of a person's data: their threads, posts, supports and (officials) the progress
 * they set. Erasing keeps every thread and post under `FORMER_PARTICIPANT_NAME` (the discussion stays
 * readable) and every support (the counts other people see stay right).
 */
@Injectable()
export class ForumPersonalDataSource implements PersonalDataSource, OnModuleInit {
  readonly section = 'forum';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string, em: EntityManager): Promise<Record<string, unknown>> {
    const threads = await em.find(ForumThread, { authorId: userId }, { orderBy: { id: 'asc' } });
    const posts = await em.find(ForumPost, { authorId: userId }, { orderBy: { id: 'asc' } });
    const supports = await em.find(ThreadSupport, { userId }, { orderBy: { createdAt: 'asc' } });
    const progress = await em.find(ThreadProgressChange, { byId: userId }, { orderBy: { id: 'asc' } });
    return {
      threads: threads.map((thread) => ({
        id: thread.id,
        title: thread.title,
        body: thread.body,
        kind: thread.kind,
        consultationId: thread.consultationId,
        authorName: thread.authorName,
        status: thread.status,
        supports: thread.supports,
        postCount: thread.postCount,
        progress: thread.progressState,
        createdAt: thread.createdAt,
        editedAt: thread.editedAt,
      })),
      posts: posts.map((post) => ({
        id: post.id,
        threadId: post.thread.id,
        body: post.body,
        authorName: post.authorName,
        official: post.official,
        status: post.status,
        createdAt: post.createdAt,
        editedAt: post.editedAt,
      })),
      supports: supports.map((support) => ({ threadId: support.thread.id, createdAt: support.createdAt })),
      progressSet: progress.map((change) => ({ threadId: change.thread, state: change.state, note: change.note, at: change.at })),
    };
  }

  async eraseFor(userId: string, em: EntityManager): Promise<void> {
    await em.nativeUpdate(ForumThread, { authorId: userId }, { authorName: FORMER_PARTICIPANT_NAME });
    await em.nativeUpdate(ForumPost, { authorId: userId }, { authorName: FORMER_PARTICIPANT_NAME });
    await em.nativeUpdate(ThreadProgressChange, { byId: userId }, { byName: FORMER_PARTICIPANT_NAME });
  }
}
