import { Injectable } from '@nestjs/common';
import { BatchedReader } from '@balai/delivery';
import { LiveUpvotesRepository } from './live-upvotes.repository';

/** Which questions of a session each participant upvoted (for `myUpvotes` in a join). */
@Injectable()
export class LiveUpvotesReader {
  /** A hall joins at once: the joins of a few milliseconds share one query. Keys are `sessionId userId`. */
  private readonly batches = new BatchedReader<string[]>(
    (keys) => this.load(keys),
    () => [],
  );

  constructor(private readonly upvotes: LiveUpvotesRepository) {}

  /** The questions of a session that `userId` upvoted. */
  ofUser(sessionId: string, userId: string): Promise<string[]> {
    return this.batches.read(`${sessionId} ${userId}`);
  }

  private async load(keys: string[]): Promise<Map<string, string[]>> {
    const rows = await this.upvotes.upvotedBy(keys.map((key) => key.split(' ') as [string, string]));
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
