import { Injectable } from '@nestjs/common';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Socket } from 'socket.io';
import { hasRole, LivePollView, SessionJoinResult } from '@balai/contracts';
import { GroupedReader } from '@balai/delivery';
import type { Principal } from '@balai/identity';
import { PollsService } from '@balai/polls';
import { moderatorsRoom, sessionRoom, sessionShardRoom, shardOf } from '@balai/realtime';
import { JoinSessionDto } from './dto/live.dto';
import { LiveQuestionResponse, LiveSessionResponse } from './dto/live.views';
import { LiveQuestionFields } from './live-question.entity';
import { LiveQuestionsService } from './live-questions.service';
import { LiveSessionsService } from './live-sessions.service';
import { LiveUpvotesReader } from './live-upvotes.reader';
import { OwnQuestionsReader } from './own-questions.reader';
import { PresenceTracker } from './presence.tracker';

/** What joining and leaving need of a socket. */
export type SessionSocket = Pick<Socket, 'id' | 'rooms' | 'join' | 'leave'>;

/**
 * `session:join` and `session:leave`: the rooms a socket enters, and the session as it sees it on
 * joining. A hall joins at once, so the joins of a few milliseconds share their reads (GroupedReader,
 * BatchedReader) and the public view of the top questions is built once per read.
 */
@Injectable()
export class SessionJoinService {
  private readonly sessionsById = new GroupedReader((id) => this.sessions.get(id));
  private readonly sessionsByCode = new GroupedReader((code) => this.sessions.byCode(code));
  private readonly topQuestions = new GroupedReader((sessionId) => this.questions.top(sessionId, 100));
  private readonly sessionsWithPolls = new GroupedReader((sessionId) => this.polls.hasOpenPolls(sessionId));
  private readonly publicViews = new WeakMap<LiveQuestionFields[], { onScreenId: string | null; views: LiveQuestionResponse[] }>();

  constructor(
    private readonly em: EntityManager,
    private readonly sessions: LiveSessionsService,
    private readonly questions: LiveQuestionsService,
    private readonly upvotes: LiveUpvotesReader,
    private readonly ownQuestions: OwnQuestionsReader,
    private readonly presence: PresenceTracker,
    private readonly polls: PollsService,
  ) {}

  /**
   * Puts the socket in the session's rooms (and its moderators' room for a moderator), then reads
   * what it sees. Join first, then read: whatever commits in between arrives as an event too, so
   * nothing is missed. No request context (an entity manager fork per join, thousands in a join
   * storm): every read brings its own, once per shared load.
   */
  async join(socket: SessionSocket, principal: Principal, input: JoinSessionDto): Promise<SessionJoinResult> {
    const session = input.sessionId
      ? await this.sessionsById.read(input.sessionId)
      : await this.sessionsByCode.read(input.code!.trim().toUpperCase());
    const moderator = hasRole(principal.role, 'moderator');
    const rooms = [
      sessionRoom(session.id),
      sessionShardRoom(session.id, shardOf(socket.id)),
      ...(moderator ? [moderatorsRoom(session.id)] : []),
    ];
    await socket.join(rooms);
    this.presence.changed(session.id);
    const [top, myUpvotes, polls, pending, mine, participants] = await Promise.all([
      this.topQuestions.read(session.id),
      this.upvotes.ofUser(session.id, principal.id),
      this.openPollsOf(session.id, principal),
      moderator ? this.questions.pending(session.id) : Promise.resolve([]),
      moderator ? Promise.resolve([]) : this.ownQuestions.of(session.id, principal.id),
      this.presence.lastKnown(session.id),
    ]);
    const onScreenRow = session.onScreenQuestionId
      ? (top.find((question) => question.id === session.onScreenQuestionId) ?? (await this.questions.findOne(session.onScreenQuestionId)))
      : null;
    const view = (question: LiveQuestionFields) =>
      LiveQuestionResponse.of(question, {
        onScreen: question.id === session.onScreenQuestionId,
        privileged: moderator || question.authorId === principal.id,
      });
    return {
      session: { ...session, ...(participants !== undefined ? { participants } : {}) } as LiveSessionResponse,
      questions: moderator ? top.map(view) : this.publicTop(top, session.onScreenQuestionId, principal.id, view),
      myUpvotes,
      onScreen: onScreenRow ? view(onScreenRow) : null,
      polls,
      ...(moderator ? { pending: pending.map(view) } : { myQuestions: mine.map(view) }),
    };
  }

  /** Takes the socket out of the session's rooms; the participant count follows if it was in. */
  async leave(socket: SessionSocket, sessionId: string): Promise<void> {
    const wasIn = socket.rooms.has(sessionRoom(sessionId));
    await socket.leave(sessionRoom(sessionId));
    await socket.leave(moderatorsRoom(sessionId));
    await socket.leave(sessionShardRoom(sessionId, shardOf(socket.id)));
    if (wasIn) this.presence.changed(sessionId);
  }

  /** Open polls with this participant's ballot; most of the time a session has none, and a join storm asks once. */
  private async openPollsOf(sessionId: string, principal: Principal): Promise<LivePollView[]> {
    if (!(await this.sessionsWithPolls.read(sessionId))) return [];
    return RequestContext.create(this.em, () => this.polls.openPollsOfSession(sessionId, principal));
  }

  /**
   * The top questions as the room sees them, built once per read and shared by every participant who
   * joined with it (thousands in a join storm); only a participant's own questions are their own view.
   */
  private publicTop(
    top: LiveQuestionFields[],
    onScreenId: string | null,
    userId: string,
    own: (question: LiveQuestionFields) => LiveQuestionResponse,
  ): LiveQuestionResponse[] {
    let shared = this.publicViews.get(top);
    if (!shared || shared.onScreenId !== onScreenId) {
      shared = { onScreenId, views: top.map((question) => this.questions.publicView(question, question.id === onScreenId)) };
      this.publicViews.set(top, shared);
    }
    const views = shared.views;
    return top.some((question) => question.authorId === userId)
      ? top.map((question, i) => (question.authorId === userId ? own(question) : views[i]!))
      : views;
  }
}
