import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { POLL_BALLOT_CAST, POLL_CLOSED, POLL_OPENED, PollBallotCastEvent, PollClosedEvent, PollOpenedEvent } from '@balai/polls';
import { RealtimeHub, sessionRoom } from '@balai/realtime';
import { CountCoalescer } from './vote-coalescer';

/** Polls of a live session, however they changed (HTTP or Socket.IO), reach the session's room. */
@Injectable()
export class LivePollsListener {
  constructor(
    private readonly hub: RealtimeHub,
    private readonly counts: CountCoalescer,
  ) {}

  @OnEvent(POLL_OPENED)
  opened(event: PollOpenedEvent): void {
    if (event.liveSessionId) this.hub.send(sessionRoom(event.liveSessionId), 'poll:opened', { poll: event.poll });
  }

  @OnEvent(POLL_BALLOT_CAST)
  ballotCast(event: PollBallotCastEvent): void {
    if (event.liveSessionId && event.resultsVisibility === 'live') this.counts.pollChanged(event.liveSessionId, event.pollId);
  }

  @OnEvent(POLL_CLOSED)
  closed(event: PollClosedEvent): void {
    if (event.liveSessionId)
      this.hub.send(sessionRoom(event.liveSessionId), 'poll:closed', { pollId: event.pollId, results: event.results });
  }
}
