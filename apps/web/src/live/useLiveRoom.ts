import { startTransition, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type {
  Ack,
  LiveErrorCode,
  LivePollView,
  LiveQuestionView,
  LiveSessionView,
  ModerationAction,
  QuestionVoteResult,
  ServerToClientEvents,
} from '@balai/contracts';
import type { LiveIdentity } from './identity';
import { connectLive, emitWithAck, LiveSocket, unavailable } from './live-socket';
import { EMPTY_ROOM, RoomAction, roomReducer } from './room-state';

export type LiveConnection = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveRoom {
  connection: LiveConnection;
  /** Why joining failed, e.g. `not_found` for a wrong code; null while joined or trying. */
  joinError: LiveErrorCode | null;
  /** With `participants` when known. */
  session: LiveSessionView | null;
  /** Public ones (approved + answered), updated live, in the order they became known. */
  questions: LiveQuestionView[];
  /** Moderators: the queue (join's `pending` + moderation:item); others: their own pending/rejected questions. */
  pending: LiveQuestionView[];
  onScreen: LiveQuestionView | null;
  /** The session's polls (open ones from join/poll:opened; closed ones keep their final results). */
  polls: LivePollView[];
  myUpvotes: ReadonlySet<string>;
  /** Question ids whose upvote/unvote awaits its ack. */
  votesInFlight: ReadonlySet<string>;
  ask(text: string, anonymous: boolean): Promise<Ack<{ question: LiveQuestionView }>>;
  /** Optimistic, rolled back on an error ack. */
  toggleUpvote(questionId: string): Promise<Ack<QuestionVoteResult>>;
  vote(pollId: string, optionIds: string[]): Promise<Ack<{ ballot: { optionIds: string[] } }>>;
  moderate(
    questionId: string,
    action: ModerationAction,
    reason?: string,
    intoQuestionId?: string,
  ): Promise<Ack<{ question: LiveQuestionView }>>;
}

/** The server events the room applies, each dispatched as it comes. */
const ROOM_EVENTS = [
  'question:new',
  'question:updated',
  'question:votes',
  'screen:changed',
  'poll:opened',
  'poll:results',
  'poll:closed',
  'session:updated',
  'moderation:item',
  'moderation:resolved',
] as const satisfies readonly (keyof ServerToClientEvents)[];

/** Join codes are upper-case; people type them with spaces or in lower case. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

function randomId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * A live session as one page sees it: connects to `/live` with the identity's token, joins by code,
 * applies every server event through `roomReducer`, and after a reconnect keeps its state when the
 * server recovered the connection (missed events replayed), else joins again and replaces it.
 */
export function useLiveRoom(code: string, identity: LiveIdentity | null): LiveRoom {
  const [state, dispatch] = useReducer(roomReducer, EMPTY_ROOM);
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  const [joinError, setJoinError] = useState<LiveErrorCode | null>(null);
  const socketRef = useRef<LiveSocket | null>(null);
  const sessionIdRef = useRef<string | null>(null);
  const identityRef = useRef(identity);
  identityRef.current = identity;
  /** The question being asked: its clientRequestId is reused when the same question is sent again. */
  const asking = useRef<{ text: string; anonymous: boolean; clientRequestId: string } | null>(null);
  const inFlightRef = useRef(state.inFlight);
  inFlightRef.current = state.inFlight;
  const myUpvotesRef = useRef(state.myUpvotes);
  myUpvotesRef.current = state.myUpvotes;

  const token = identity?.token ?? null;
  const normalized = normalizeCode(code);

  useEffect(() => {
    if (!token || !normalized) return;
    let disposed = false;
    let everJoined = false;
    const socket = connectLive(token);
    socketRef.current = socket;
    setConnection(isOnline() ? 'connecting' : 'offline');
    setJoinError(null);

    const refused = (reason?: string) => identityRef.current?.renew(reason);

    const join = async () => {
      const response = await emitWithAck(socket, 'session:join', { code: normalized });
      if (disposed) return;
      if (response.ok) {
        everJoined = true;
        sessionIdRef.current = response.data.session.id;
        setJoinError(null);
        dispatch({ type: 'joined', result: response.data });
        setConnection('live');
      } else if (response.error.code === 'unauthorized') {
        refused(response.error.detail);
      } else if (response.error.code === 'unavailable') {
        // The database or Redis is down, or no answer: try again shortly (still "connecting").
        setTimeout(() => {
          if (!disposed && socket.connected) void join();
        }, 2_000);
      } else {
        setJoinError(response.error.code);
        setConnection('offline');
      }
    };

    socket.on('connect', () => {
      // Recovered: the server replayed what we missed, rooms included; nothing to resync.
      if (socket.recovered && everJoined) setConnection('live');
      else void join();
    });
    socket.on('connect_error', (error) => {
      if (disposed) return;
      if (error.message === 'unauthorized') return refused((error as Error & { data?: { code?: string } }).data?.code);
      setConnection(!isOnline() ? 'offline' : everJoined ? 'reconnecting' : 'connecting');
    });
    socket.on('disconnect', (reason) => {
      if (disposed) return;
      setConnection(!isOnline() ? 'offline' : 'reconnecting');
      // The server closed this socket (e.g. a suspended account): it does not come back by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    for (const event of ROOM_EVENTS) {
      socket.on(event, ((payload: unknown) => {
        const action = { type: event, payload } as RoomAction;
        // Count batches are not urgent: React renders them in slices that yield to taps and scrolling,
        // and a batch that arrives while the last one renders replaces it (a slow phone skips, never queues).
        if (event === 'question:votes') startTransition(() => dispatch(action));
        else dispatch(action);
      }) as never);
    }

    // The browser knows before the heartbeat does: drop the transport at once when the network goes,
    // so the page says so, and try again as soon as it is back.
    const wentOffline = () => {
      setConnection('offline');
      socket.io.engine?.close();
    };
    const cameOnline = () => {
      if (socket.connected) return;
      setConnection(everJoined ? 'reconnecting' : 'connecting');
      socket.disconnect().connect();
    };
    window.addEventListener('offline', wentOffline);
    window.addEventListener('online', cameOnline);

    return () => {
      disposed = true;
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameOnline);
      socket.removeAllListeners();
      socket.disconnect();
      if (socketRef.current === socket) socketRef.current = null;
      sessionIdRef.current = null;
      dispatch({ type: 'reset' });
    };
  }, [token, normalized]);

  /** An error ack that says the token was refused renews the identity too. */
  const settle = useCallback(<T>(response: Ack<T>): Ack<T> => {
    if (!response.ok && response.error.code === 'unauthorized') identityRef.current?.renew(response.error.detail);
    return response;
  }, []);

  const ask = useCallback(
    async (text: string, anonymous: boolean): Promise<Ack<{ question: LiveQuestionView }>> => {
      const socket = socketRef.current;
      const sessionId = sessionIdRef.current;
      if (!socket || !sessionId) return unavailable('Not joined');
      const previous = asking.current;
      const attempt =
        previous && previous.text === text && previous.anonymous === anonymous
          ? previous
          : { text, anonymous, clientRequestId: randomId() };
      asking.current = attempt;
      const response = settle(
        await emitWithAck(socket, 'question:ask', { sessionId, text, anonymous, clientRequestId: attempt.clientRequestId }),
      );
      if (response.ok) {
        if (asking.current === attempt) asking.current = null;
        dispatch({ type: 'asked', question: response.data.question });
      } else if (response.error.code !== 'unavailable' && asking.current === attempt) {
        // A definite refusal: an edited question is a new one anyway; only a lost answer is retried as the same.
        asking.current = null;
      }
      return response;
    },
    [settle],
  );

  const toggleUpvote = useCallback(
    async (questionId: string): Promise<Ack<QuestionVoteResult>> => {
      const socket = socketRef.current;
      if (!socket) return unavailable('Not joined');
      if (inFlightRef.current.has(questionId)) {
        return { ok: false, error: { code: 'conflict', message: 'A vote on this question is on its way' } };
      }
      const upvoted = !myUpvotesRef.current.has(questionId);
      dispatch({ type: 'vote:start', questionId, upvoted });
      const response = settle(await emitWithAck(socket, upvoted ? 'question:upvote' : 'question:unvote', { questionId }));
      dispatch({ type: 'vote:settled', questionId, ok: response.ok });
      return response;
    },
    [settle],
  );

  const vote = useCallback(
    async (pollId: string, optionIds: string[]): Promise<Ack<{ ballot: { optionIds: string[] } }>> => {
      const socket = socketRef.current;
      if (!socket) return unavailable('Not joined');
      const response = settle(await emitWithAck(socket, 'poll:vote', { pollId, optionIds }));
      if (response.ok) dispatch({ type: 'ballot', pollId, optionIds: response.data.ballot.optionIds });
      return response;
    },
    [settle],
  );

  const moderate = useCallback(
    async (
      questionId: string,
      action: ModerationAction,
      reason?: string,
      intoQuestionId?: string,
    ): Promise<Ack<{ question: LiveQuestionView }>> => {
      const socket = socketRef.current;
      if (!socket) return unavailable('Not joined');
      const response = settle(
        await emitWithAck(socket, 'question:moderate', {
          questionId,
          action,
          ...(reason ? { reason } : {}),
          ...(intoQuestionId ? { intoQuestionId } : {}),
        }),
      );
      if (response.ok) dispatch({ type: 'moderated', question: response.data.question });
      return response;
    },
    [settle],
  );

  const votesInFlight = useMemo(() => new Set(state.inFlight.keys()), [state.inFlight]);

  return {
    connection,
    joinError,
    session: state.session,
    questions: state.questions,
    pending: state.pending,
    onScreen: state.onScreen,
    polls: state.polls,
    myUpvotes: state.myUpvotes,
    votesInFlight,
    ask,
    toggleUpvote,
    vote,
    moderate,
  };
}
