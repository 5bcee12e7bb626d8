import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '@balai/database';

/** The `forum_thread_supports` table: its primary key keeps one support per person and thread. */
@Injectable()
export class SupportsRepository {
  constructor(private readonly em: EntityManager) {}

  /** True when a row was added, false when this person already supported the thread. */
  async add(em: EntityManager, threadId: string, userId: string): Promise<boolean> {
    const inserted = await runSql(
      em,
      'insert into forum_thread_supports (thread_id, user_id) values (?, ?) on conflict do nothing returning thread_id',
      [threadId, userId],
    );
    return inserted.length > 0;
  }

  /** True when a row was removed, false when there was none. */
  async remove(em: EntityManager, threadId: string, userId: string): Promise<boolean> {
    const deleted = await runSql(em, 'delete from forum_thread_supports where thread_id = ? and user_id = ? returning thread_id', [
      threadId,
      userId,
    ]);
    return deleted.length > 0;
  }

  async has(threadId: string, userId: string): Promise<boolean> {
    const rows = await runSql(this.em, 'select 1 from forum_thread_supports where thread_id = ? and user_id = ?', [threadId, userId]);
    return rows.length > 0;
  }

  async userIds(threadId: string): Promise<string[]> {
    const rows = await runSql<{ user_id: string }>(this.em, 'select user_id from forum_thread_supports where thread_id = ?', [threadId]);
    return rows.map((row) => row.user_id);
  }
}
