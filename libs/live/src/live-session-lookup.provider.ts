import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LiveSessionLookup, LiveSessionStatus } from '@balai/polls';
import { LiveSession } from './live-session.entity';

/** What polls may ask about live sessions (see LiveSessionLookup in @balai/polls). */
@Injectable()
export class LiveSessionStatusLookup extends LiveSessionLookup {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async statusOf(sessionId: string): Promise<LiveSessionStatus | null> {
    const session = await this.em.fork().findOne(LiveSession, { id: sessionId }, { fields: ['status'] });
    return session?.status ?? null;
  }
}
