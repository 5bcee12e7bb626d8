import { Injectable } from '@nestjs/common';
import { LiveSessionLookup } from '@balai/polls';
import { LiveSessionNotFoundError, SessionEndedError } from './live.errors';
import { LiveSessionsRepository } from './live-sessions.repository';

/** What polls may ask about live sessions (see LiveSessionLookup in @balai/polls), with this domain's errors. */
@Injectable()
export class LiveSessionStatusLookup extends LiveSessionLookup {
  constructor(private readonly sessions: LiveSessionsRepository) {
    super();
  }

  async assertTakesInput(sessionId: string): Promise<void> {
    const status = await this.sessions.statusOf(sessionId);
    if (status === null) throw new LiveSessionNotFoundError(sessionId);
    if (status === 'ended') throw new SessionEndedError();
  }
}
