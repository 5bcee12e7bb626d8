import { UseFilters } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Socket } from 'socket.io';
import { AppConfig } from '@balai/config';
import { Ack, CLIENT_EVENTS, hasRole, SessionJoinResult } from '@balai/contracts';
import { UnauthorizedError } from '@balai/errors';
import { Principal, TokenService } from '@balai/identity';
import { PollsService } from '@balai/polls';
import {
  LiveNamespace,
  moderatorsRoom,
  ok,
  RealtimeHub,
  sessionOfRoom,
  sessionRoom,
  sessionShardRoom,
  shardOf,
  userRoom,
  validatePayload,
  WsAckExceptionFilter,
} from '@balai/realtime';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import { AskQuestionDto, JoinSessionDto, ModerateQuestionDto, PollVoteDto, QuestionRefDto, SessionRefDto } from './dto/live.dto';
import { LiveQuestionResponse, LiveSessionResponse } from './dto/live.views';
import { GroupedReader } from './grouped-reader';
import { LiveQuestionFields } from './live-question.entity';
import { LiveQuestionsService } from './live-questions.service';
import { LiveSessionsService } from './live-sessions.service';
import { LiveUpvotesReader } from './live-upvotes.reader';
import { PresenceTracker } from './presence.tracker';
import { VoteCommitter } from './vote-committer';

/** What the handshake middleware keeps on the socket: the verified claims, no database row. */
export interface LiveSocketData {
  principal: Principal;
  /** Token expiry, seconds since the epoch (JWT `exp`); checked on every event. */
  exp: number | undefined;
}

type LiveSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, LiveSocketData>;

const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS);

function tokenExpiry(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

/** Unknown events still get an ack (an error), so a client never waits forever. `this` is the socket. */
function refuseUnknownEvent(event: string, ...args: unknown[]): void {
  if (KNOWN_EVENTS.has(event)) return;
  const ack = args[args.length - 1];
  if (typeof ack === 'function') {
    (ack as (response: Ack<never>) => void)({ ok: false, error: { code: 'validation', message: `Unknown event "${event}"` } });
  }
}

/**
 * The `/live` namespace: thin handlers that validate the payload, check the token's expiry and
 * call one service. Errors become `{ok:false,error}` acks in WsAckExceptionFilter.
 */
@WebSocketGateway({ namespace: '/live' })
@UseFilters(WsAckExceptionFilter)
export class LiveGateway implements OnGatewayInit<LiveNamespace>, OnGatewayConnection<LiveSocket> {
  private readonly upvoteLimiter: RateLimiter;

  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokenService,
    private readonly hub: RealtimeHub,
    private readonly sessions: LiveSessionsService,
    private readonly questions: LiveQuestionsService,
    private readonly upvotes: LiveUpvotesReader,
    private readonly votes: VoteCommitter,
    private readonly presence: PresenceTracker,
    private readonly polls: PollsService,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    this.upvoteLimiter = limiters.create({ name: 'live-upvote', points: config.limits.liveUpvotesPerMinute, durationSeconds: 60 });
  }

  // A hall joins at once: the joins of a few milliseconds share their session and top-questions reads.
  private readonly sessionsById = new GroupedReader((id) => this.sessions.get(id));
  private readonly sessionsByCode = new GroupedReader((code) => this.sessions.byCode(code));
  private readonly topQuestions = new GroupedReader((sessionId) => this.questions.top(sessionId, 100));
  private readonly sessionsWithPolls = new GroupedReader((sessionId) => this.polls.hasOpenPolls(sessionId));
  private readonly publicViews = new WeakMap<LiveQuestionFields[], { onScreenId: string | null; views: LiveQuestionResponse[] }>();

  afterInit(namespace: LiveNamespace): void {
    this.hub.attach(namespace, (socket) => (socket.data as Partial<LiveSocketData>).principal?.id);
    // Guards do not run on connection: authenticate here, from the verified token alone.
    namespace.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return next(new Error('unauthorized'));
      try {
        const principal = this.tokens.verify(token);
        (socket.data as LiveSocketData) = { principal, exp: tokenExpiry(token) };
        next();
      } catch {
        next(new Error('unauthorized'));
      }
    });
  }

  handleConnection(socket: LiveSocket): void {
    const principal = socket.data.principal;
    if (!principal) return void socket.disconnect(true);
    void socket.join(userRoom(principal.id));
    socket.onAny(refuseUnknownEvent);
    socket.on('disconnecting', this.announceDeparture);
  }

  /** One listener shared by every socket (`this` is the socket): a hall holds thousands of them. */
  private readonly announceDeparture = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the listener's own `this` is the socket
    const gateway = this;
    return function (this: LiveSocket): void {
      for (const room of this.rooms) {
        const sessionId = sessionOfRoom(room);
        if (sessionId) gateway.presence.changed(sessionId);
      }
    };
  })();

  @SubscribeMessage('session:join')
  async join(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<SessionJoinResult>> {
    const principal = this.principal(socket);
    const input = await validatePayload(JoinSessionDto, payload);
    // No request context (an entity manager fork per join, thousands in a join storm): every read
    // below brings its own, once per shared load.
    const session = input.sessionId
      ? await this.sessionsById.read(input.sessionId)
      : await this.sessionsByCode.read(input.code!.trim().toUpperCase());
    const moderator = hasRole(principal.role, 'moderator');
    const rooms = [
      sessionRoom(session.id),
      sessionShardRoom(session.id, shardOf(socket.id)),
      ...(moderator ? [moderatorsRoom(session.id)] : []),
    ];
    // Join first, then read: whatever happens in between arrives as an event too, so nothing is missed.
    await socket.join(rooms);
    this.presence.changed(session.id);
    const [top, myUpvotes, polls, pending, participants] = await Promise.all([
      // Read after joining the room: whatever commits from now on arrives as an event.
      this.topQuestions.read(session.id),
      this.upvotes.ofUser(session.id, principal.id),
      this.openPollsOf(session.id, principal),
      moderator ? this.questions.pending(session.id) : Promise.resolve([]),
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
    return ok({
      session: { ...session, ...(participants !== undefined ? { participants } : {}) } as LiveSessionResponse,
      questions: moderator ? top.map(view) : this.publicTop(top, session.onScreenQuestionId, principal.id, view),
      myUpvotes,
      onScreen: onScreenRow ? view(onScreenRow) : null,
      polls,
      ...(moderator ? { pending: pending.map(view) } : {}),
    });
  }

  @SubscribeMessage('session:leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<Record<string, never>>> {
    this.principal(socket);
    const input = await validatePayload(SessionRefDto, payload);
    const wasIn = socket.rooms.has(sessionRoom(input.sessionId));
    await socket.leave(sessionRoom(input.sessionId));
    await socket.leave(moderatorsRoom(input.sessionId));
    await socket.leave(sessionShardRoom(input.sessionId, shardOf(socket.id)));
    if (wasIn) this.presence.changed(input.sessionId);
    return ok({});
  }

  @SubscribeMessage('question:ask')
  async ask(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    const principal = this.principal(socket);
    const input = await validatePayload(AskQuestionDto, payload);
    return this.inContext(async () => ok({ question: await this.questions.ask(principal, input) }));
  }

  @SubscribeMessage('question:upvote')
  upvote(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.vote(socket, payload, 'up');
  }

  @SubscribeMessage('question:unvote')
  unvote(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.vote(socket, payload, 'down');
  }

  @SubscribeMessage('question:moderate')
  async moderate(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    const principal = this.principal(socket);
    const input = await validatePayload(ModerateQuestionDto, payload);
    return this.inContext(async () => ok({ question: await this.questions.moderate(principal, input) }));
  }

  @SubscribeMessage('poll:vote')
  async pollVote(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    const principal = this.principal(socket);
    const input = await validatePayload(PollVoteDto, payload);
    return this.inContext(async () => ok({ ballot: await this.polls.vote(input.pollId, principal, input.optionIds) }));
  }

  private async vote(socket: LiveSocket, payload: unknown, kind: 'up' | 'down') {
    const principal = this.principal(socket);
    const input = await validatePayload(QuestionRefDto, payload);
    await this.upvoteLimiter.consume(principal.id);
    return ok(await this.votes.submit(kind, input.questionId, principal.id));
  }

  /** Open polls with this participant's ballot; most of the time a session has none, and a join storm asks once. */
  private async openPollsOf(sessionId: string, principal: Principal) {
    if (!(await this.sessionsWithPolls.read(sessionId))) return [];
    return this.inContext(() => this.polls.openPollsOfSession(sessionId, principal));
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

  /** The verified principal, unless its token has expired since the handshake. */
  private principal(socket: LiveSocket): Principal {
    const { principal, exp } = socket.data;
    if (!principal) throw new UnauthorizedError();
    if (exp !== undefined && exp * 1000 <= Date.now()) {
      throw new UnauthorizedError('token_expired', 'The access token has expired: sign in again and reconnect');
    }
    return principal;
  }

  /** Socket.IO handlers are outside MikroORM's HTTP request context: give each its own. */
  private inContext<T>(run: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.em, run);
  }
}
