import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '@balai/events';
import { moderatorsRoom, RealtimeHub, sessionRoom, userRoom } from '@balai/realtime';
import { LiveQuestionResponse } from './dto/live.views';
import { LiveQuestionSnapshot, QuestionAskedEvent, QuestionModeratedEvent } from './live.events';

/**
 * The socket broadcast of what happened to questions, once it committed: the room gets the public
 * view, the session's moderators the privileged one (who asked an anonymous question), a rejected
 * question goes to its author alone, and pending questions to the moderators only.
 */
@Injectable()
export class LiveBroadcastListener {
  constructor(private readonly hub: RealtimeHub) {}

  @OnDomainEvent('question.asked')
  asked({ question }: QuestionAskedEvent): void {
    if (question.status === 'approved') {
      this.broadcast('question:new', question, false);
    } else {
      this.hub.send(moderatorsRoom(question.sessionId), 'moderation:item', {
        itemId: question.id,
        type: 'question',
        question: LiveQuestionResponse.of(question, { onScreen: false, privileged: true }),
      });
    }
  }

  @OnDomainEvent('question.moderated')
  moderated(event: QuestionModeratedEvent): void {
    const { question, before, onScreen, screenChanged } = event;
    const room = sessionRoom(question.sessionId);
    if (event.replaced) this.broadcast('question:updated', event.replaced, false);
    // Off screen first, so that the room never shows a question it was just told has left.
    if (screenChanged && !onScreen) this.hub.send(room, 'screen:changed', { sessionId: question.sessionId, question: null });
    switch (event.action) {
      case 'approve':
        this.broadcast('question:new', question, false);
        break;
      case 'reject':
        // The reason is for the author alone; the room never hears of a rejection.
        this.hub.send(userRoom(question.authorId), 'question:updated', {
          question: LiveQuestionResponse.of(question, { onScreen: false, privileged: true }),
        });
        break;
      case 'archive':
        // A pending question was never public: only the moderators' queue hears of it.
        if (before !== 'pending') this.broadcast('question:updated', question, onScreen);
        break;
      default:
        this.broadcast('question:updated', question, onScreen);
    }
    if (screenChanged && onScreen) {
      this.hub.send(room, 'screen:changed', {
        sessionId: question.sessionId,
        question: LiveQuestionResponse.of(question, { onScreen: true, privileged: false }),
      });
    }
    if (before === 'pending') this.hub.send(moderatorsRoom(question.sessionId), 'moderation:resolved', { itemId: question.id });
  }

  /** The room sees the public view; the session's moderators see who asked an anonymous question. */
  private broadcast(event: 'question:new' | 'question:updated', question: LiveQuestionSnapshot, onScreen: boolean): void {
    const moderators = moderatorsRoom(question.sessionId);
    this.hub.sendExcept(sessionRoom(question.sessionId), moderators, event, {
      question: LiveQuestionResponse.of(question, { onScreen, privileged: false }),
    });
    this.hub.send(moderators, event, { question: LiveQuestionResponse.of(question, { onScreen, privileged: true }) });
  }
}
