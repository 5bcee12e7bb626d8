import { UseFilters } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { DefaultEventsMap, Socket } from 'socket.io';
import { AppConfig } from '@balai/config';
import { Ack, CLIENT_EVENTS, ClientToServerEvents, ServerToClientEvents, SessionJoinResult } from '@balai/contracts';
import { UnauthorizedError } from '@balai/errors';
import { addressKey, clientAddress, trustedProxies } from '@balai/http';
import { AccountSuspendedError, EndedSessions, Principal, SuspensionList, TokenService, TokenRevokedError } from '@balai/identity';
import { PollsService } from '@balai/polls';
import {
  checkRecoveredSessions,
  LiveNamespace,
  ok,
  RealtimeHub,
  sessionOfRoom,
  userRoom,
  validatePayload,
  WsAckExceptionFilter,
} from '@balai/realtime';
import { ConnectionCap, DistinctCap, RateLimiter, RateLimiterFactory } from '@balai/redis';
import { AskQuestionDto, JoinSessionDto, ModerateQuestionDto, PollVoteDto, QuestionRefDto, SessionRefDto } from './dto/live.dto';
import { LiveQuestionsService } from './live-questions.service';
import { PresenceTracker } from './presence.tracker';
import { SessionJoinService } from './session-join.service';
import { VoteCommitter } from './vote-committer';

/** What the handshake middleware keeps on the socket: the verified token, no database row. */
export interface LiveSocketData {
  principal: Principal;
  /** The client's grouped address (`addressKey`, TRUST_PROXY applied), for the per-address vote caps. */
  address: string;
  /** When the token expires (milliseconds since the epoch); checked on every event. */
  expiresAt: number | undefined;
  /** When the token was issued (milliseconds since the epoch): refused on every event once its account's sessions end. */
  issuedAt: number;
}

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, LiveSocketData>;

const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS);

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
  /** Participants from one address who may upvote one question (VOTES_PER_ADDRESS), shared through Redis. */
  private readonly upvoteCap: DistinctCap;
  private readonly trusted: ReturnType<typeof trustedProxies>;
  /** Concurrent /live connections per address (LIVE_SOCKETS_PER_ADDRESS), counted across processes. */
  private readonly socketCap: ConnectionCap;

  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokenService,
    private readonly hub: RealtimeHub,
    private readonly joins: SessionJoinService,
    private readonly questions: LiveQuestionsService,
    private readonly votes: VoteCommitter,
    private readonly presence: PresenceTracker,
    private readonly polls: PollsService,
    private readonly suspensions: SuspensionList,
    private readonly ended: EndedSessions,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    this.upvoteLimiter = limiters.create({ name: 'live-upvote', points: config.limits.liveUpvotesPerMinute, durationSeconds: 60 });
    this.upvoteCap = limiters.distinctCap({ name: 'live-upvote', capacity: config.limits.votesPerAddress, ttlSeconds: 12 * 3600 });
    this.trusted = trustedProxies(config.trustProxy);
    this.socketCap = limiters.connectionCap({ name: 'live-sockets', capacity: config.limits.liveSocketsPerAddress });
  }

  afterInit(namespace: LiveNamespace): void {
    this.hub.attach(namespace, (socket) => (socket.data as Partial<LiveSocketData>).principal?.id);
    // Guards do not run on connection: authenticate here, from the verified token alone.
    namespace.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return next(new Error('unauthorized'));
      let data: LiveSocketData;
      try {
        const { principal, expiresAt, issuedAt } = this.tokens.verify(token);
        if (this.suspensions.isSuspended(principal.id)) return next(new Error('suspended'));
        const remote = socket.handshake.address;
        const address = addressKey(clientAddress(remote, socket.handshake.headers['x-forwarded-for'], this.trusted));
        data = { principal, expiresAt, issuedAt, address };
      } catch (error: unknown) {
        // The reason (`token_revoked`, `token_expired`, …) rides along for clients that tell them apart.
        const code = error instanceof UnauthorizedError ? error.code : 'unauthorized';
        return next(Object.assign(new Error('unauthorized'), { data: { code } }));
      }
      // Last, once the token passed: a hall behind one router shares LIVE_SOCKETS_PER_ADDRESS connections.
      void this.socketCap.acquire(data.address).then((admitted) => {
        if (!admitted) {
          const message = 'Too many connections from this address: try again later';
          return next(Object.assign(new Error('too_many_connections'), { data: { code: 'too_many_connections', message } }));
        }
        this.releaseOnClose(socket, data.address);
        socket.data = data;
        next();
      });
    });
    // A recovered connection skips that middleware: it is recovered only while its token would still pass.
    checkRecoveredSessions(namespace, (data) => this.refusal((data ?? {}) as Partial<LiveSocketData>) === null);
  }

  handleConnection(socket: LiveSocket): void {
    // Checked again for a recovered socket (its handshake was not): signed out, suspended, expired.
    if (this.refusal(socket.data as Partial<LiveSocketData>) !== null) return void socket.disconnect(true);
    const { principal, address } = socket.data as LiveSocketData;
    // A recovered connection skipped the handshake's count: counted now, never refused (it was in).
    if (socket.recovered) {
      this.socketCap.add(address);
      this.releaseOnClose(socket, address);
    }
    void socket.join(userRoom(principal.id));
    socket.onAny(refuseUnknownEvent);
    socket.on('disconnecting', this.announceDeparture);
  }

  /**
   * Gives the connection back once, when the socket disconnects or its transport closes (also when
   * the client left while the handshake was being decided: Socket.IO then drops the socket unconnected).
   */
  private releaseOnClose(socket: LiveSocket, address: string): void {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.socketCap.release(address);
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    if (socket.conn.readyState !== 'open') release();
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
    return ok(await this.joins.join(socket, principal, input));
  }

  @SubscribeMessage('session:leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<Record<string, never>>> {
    this.principal(socket);
    const input = await validatePayload(SessionRefDto, payload);
    await this.joins.leave(socket, input.sessionId);
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
    const { address } = socket.data as LiveSocketData;
    return this.inContext(async () => ok({ ballot: await this.polls.vote(input.pollId, principal, input.optionIds, address) }));
  }

  private async vote(socket: LiveSocket, payload: unknown, kind: 'up' | 'down') {
    const principal = this.principal(socket);
    const input = await validatePayload(QuestionRefDto, payload);
    await this.upvoteLimiter.consume(principal.id);
    if (kind === 'up') {
      const { address } = socket.data as LiveSocketData;
      await this.upvoteCap.enforce(
        `${input.questionId}:${address}`,
        principal.id,
        'Too many participants from this address have upvoted this question',
      );
    }
    return ok(await this.votes.submit(kind, input.questionId, principal.id));
  }

  /** The verified principal, unless since the handshake its token expired, its sessions ended or it was suspended. */
  private principal(socket: LiveSocket): Principal {
    const data = socket.data as Partial<LiveSocketData>;
    const refusal = this.refusal(data);
    if (refusal) throw refusal;
    return data.principal!;
  }

  /** Why a socket with this data may no longer act (in memory, no database read), or null. */
  private refusal({ principal, expiresAt, issuedAt }: Partial<LiveSocketData>): Error | null {
    if (!principal) return new UnauthorizedError();
    if (this.ended.isRevoked(principal.id, issuedAt ?? 0)) return new TokenRevokedError();
    if (this.suspensions.isSuspended(principal.id)) return new AccountSuspendedError();
    if (expiresAt !== undefined && expiresAt <= Date.now()) {
      return new UnauthorizedError('token_expired', 'The access token has expired: sign in again and reconnect');
    }
    return null;
  }

  /** Socket.IO handlers are outside MikroORM's HTTP request context: give each its own. */
  private inContext<T>(run: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.em, run);
  }
}
