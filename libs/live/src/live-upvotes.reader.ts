import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray } from '@balai/database';
import { BatchedReader } from './batched-reader';

/** Which questions of a session each participant upvoted (for `myUpvotes` in a join). */
@Injectable()
export class LiveUpvotesReader {
  /** A hall joins at once: the joins of a few milliseconds share one query. Keys are `sessionId userId`. */
  private readonly batches = new BatchedReader<string[]>(
    (keys) => this.load(keys),
    () => [],
  );

  constructor(private readonly em: EntityManager) {}

  /** The questions of a session that `userId` upvoted. */
  ofUser(sessionId: string, userId: string): Promise<string[]> {
    return this.batches.read(`${sessionId} ${userId}`);
  }

  private async load(keys: string[]): Promise<Map<string, string[]>> {
    const pairs = keys.map((key) => key.split(' ') as [string, string]);
    const rows = await this.em.getConnection().execute<{ session_id: string; user_id: string; question_id: string }[]>(
      `select u.session_id, u.user_id, u.question_id from live_upvotes u
         join unnest(?::uuid[], ?::uuid[]) as k(session_id, user_id) on u.session_id = k.session_id and u.user_id = k.user_id`,
      [pgUuidArray(pairs.map(([sessionId]) => sessionId)), pgUuidArray(pairs.map(([, userId]) => userId))],
    );
    const upvoted = new Map<string, string[]>();
    for (const row of rows) {
      const key = `${row.session_id} ${row.user_id}`;
      const list = upvoted.get(key);
      if (list) list.push(row.question_id);
      else upvoted.set(key, [row.question_id]);
    }
    return upvoted;
  }
}
