import { Injectable } from '@nestjs/common';
import { CountCoalescer } from '@balai/delivery';
import { OnDomainEvent } from '@balai/events';
import { LiveSessionUpdatedEvent, QuestionVotesCountedEvent } from './live.events';

/** Committed counters and session changes go to the sockets through the coalescer, a few times a second. */
@Injectable()
export class LiveCountsListener {
  constructor(private readonly coalescer: CountCoalescer) {}

  @OnDomainEvent('question.votes_counted')
  votesCounted({ counts }: QuestionVotesCountedEvent): void {
    for (const { sessionId, questionId, upvotes, version } of counts)
      this.coalescer.questionCounted(sessionId, questionId, upvotes, version);
  }

  @OnDomainEvent('live_session.updated')
  sessionUpdated({ session }: LiveSessionUpdatedEvent): void {
    this.coalescer.sessionUpdated(session);
  }
}
