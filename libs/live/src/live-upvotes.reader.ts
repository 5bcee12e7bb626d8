import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LiveUpvote } from './live-upvote.entity';

@Injectable()
export class LiveUpvotesReader {
  constructor(private readonly em: EntityManager) {}

  /** The questions of a session that `userId` upvoted. */
  async ofUser(sessionId: string, userId: string): Promise<string[]> {
    const rows = await this.em.fork().find(LiveUpvote, { sessionId, userId }, { fields: ['questionId'] });
    return rows.map((row) => row.questionId);
  }
}
