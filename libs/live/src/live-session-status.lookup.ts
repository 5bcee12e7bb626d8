import { Injectable } from '@nestjs/common';
import { ConsultationsService } from '@balai/consultations';
import { LiveSessionLookup } from '@balai/polls';
import { LiveSessionNotFoundError, SessionEndedError } from './live.errors';
import { LiveSessionsRepository } from './live-sessions.repository';

/** What polls may ask about live sessions (see LiveSessionLookup in @balai/polls), with this domain's errors. */
@Injectable()
export class LiveSessionStatusLookup extends LiveSessionLookup {
  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly consultations: ConsultationsService,
  ) {
    super();
  }

  async assertTakesInput(sessionId: string): Promise<void> {
    const state = await this.sessions.inputStateOf(sessionId);
    if (state === null) throw new LiveSessionNotFoundError(sessionId);
    if (state.status === 'ended') throw new SessionEndedError();
    // A session of a closed (or decided) consultation takes no ballots either, even in its own polls.
    if (state.consultationId) await this.consultations.assertAcceptingInput(state.consultationId);
  }
}
