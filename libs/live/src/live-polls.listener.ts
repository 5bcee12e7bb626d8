import { Injectable } from '@nestjs/common';
import { CountCoalescer } from '@balai/delivery';
import { OnDomainEvent } from '@balai/events';
import { PollBallotCastEvent, PollClosedEvent, PollOpenedEvent } from '@balai/polls';
import { RealtimeHub, sessionRoom } from '@balai/realtime';

/** Polls of a live session, however they changed (HTTP or Socket.IO), reach the session's room. */
@Injectable()
export class LivePollsListener {
  constructor(
    private readonly hub: RealtimeHub,
    private readonly counts: CountCoalescer,
  ) {}

  @OnDomainEvent('poll.opened')
  opened(event: PollOpenedEvent): void {
    if (event.liveSessionId) this.hub.send(sessionRoom(event.liveSessionId), 'poll:opened', { poll: event.poll });
  }

  @OnDomainEvent('poll.ballot_cast')
  ballotCast(event: PollBallotCastEvent): void {
    if (event.liveSessionId && event.resultsVisibility === 'live') this.counts.pollChanged(event.liveSessionId, event.pollId);
  }

  @OnDomainEvent('poll.closed')
  closed(event: PollClosedEvent): void {
    if (event.liveSessionId)
      this.hub.send(sessionRoom(event.liveSessionId), 'poll:closed', { pollId: event.pollId, results: event.results });
  }
}
