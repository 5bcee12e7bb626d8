import type {
  LivePollView,
  LiveQuestionView,
  LiveSessionView,
  PollResults,
  PollResultsView,
  ServerEventPayload,
  SessionJoinResult,
} from '@balai/contracts';

/**
 * What a live page knows of its session, and the pure reducer that applies the join's result and
 * every server event to it. No DOM, no socket: the hook in useLiveRoom.ts feeds it.
 */
export interface RoomState {
  session: LiveSessionView | null;
  /** Public questions (approved and answered), in the order they became known; the page sorts. */
  questions: LiveQuestionView[];
  /** Moderators: the queue. Others: their own pending and rejected questions. */
  pending: LiveQuestionView[];
  onScreen: LiveQuestionView | null;
  polls: LivePollView[];
  myUpvotes: ReadonlySet<string>;
  /** Upvotes and unvotes awaiting their ack, by question id. */
  inFlight: ReadonlyMap<string, InFlightVote>;
  /** The join said so (it carried `pending`): moderation events concern this page. */
  moderator: boolean;
}

export interface InFlightVote {
  upvoted: boolean;
  /** The optimistic ±1 is still in the shown count (a `question:votes` batch replaces it with the server's total). */
  counted: boolean;
}

export const EMPTY_ROOM: RoomState = {
  session: null,
  questions: [],
  pending: [],
  onScreen: null,
  polls: [],
  myUpvotes: new Set(),
  inFlight: new Map(),
  moderator: false,
};

export type RoomAction =
  | { type: 'joined'; result: SessionJoinResult }
  | { type: 'reset' }
  | { type: 'question:new'; payload: ServerEventPayload<'question:new'> }
  | { type: 'question:updated'; payload: ServerEventPayload<'question:updated'> }
  | { type: 'question:votes'; payload: ServerEventPayload<'question:votes'> }
  | { type: 'screen:changed'; payload: ServerEventPayload<'screen:changed'> }
  | { type: 'poll:opened'; payload: ServerEventPayload<'poll:opened'> }
  | { type: 'poll:results'; payload: PollResultsView }
  | { type: 'poll:closed'; payload: ServerEventPayload<'poll:closed'> }
  | { type: 'session:updated'; payload: ServerEventPayload<'session:updated'> }
  | { type: 'moderation:item'; payload: ServerEventPayload<'moderation:item'> }
  | { type: 'moderation:resolved'; payload: ServerEventPayload<'moderation:resolved'> }
  /** The ack of the page's own question. */
  | { type: 'asked'; question: LiveQuestionView }
  /** The ack of a moderation action: the question as it now is. */
  | { type: 'moderated'; question: LiveQuestionView }
  | { type: 'vote:start'; questionId: string; upvoted: boolean }
  | { type: 'vote:settled'; questionId: string; ok: boolean }
  | { type: 'ballot'; pollId: string; optionIds: string[] };

const PUBLIC = new Set(['approved', 'answered']);

function upsert(list: LiveQuestionView[], question: LiveQuestionView): LiveQuestionView[] {
  const index = list.findIndex((q) => q.id === question.id);
  if (index < 0) return [...list, question];
  const next = list.slice();
  next[index] = question;
  return next;
}

function without(list: LiveQuestionView[], id: string): LiveQuestionView[] {
  return list.some((q) => q.id === id) ? list.filter((q) => q.id !== id) : list;
}

function withPoll(polls: LivePollView[], pollId: string, change: (poll: LivePollView) => LivePollView): LivePollView[] {
  return polls.some((p) => p.id === pollId) ? polls.map((p) => (p.id === pollId ? change(p) : p)) : polls;
}

/** A question as this page last knew it: status and text from the event, screen flag from the screen. */
function placeQuestion(state: RoomState, question: LiveQuestionView): RoomState {
  const isPublic = PUBLIC.has(question.status);
  // A participant hears of a pending or rejected question only when it is their own (a rejection goes to its author alone).
  const keepPending = question.status === 'pending' || (question.status === 'rejected' && !state.moderator);
  return {
    ...state,
    questions: isPublic ? upsert(state.questions, question) : without(state.questions, question.id),
    pending: keepPending ? upsert(state.pending, question) : without(state.pending, question.id),
    onScreen: question.onScreen && isPublic ? question : state.onScreen?.id === question.id ? null : state.onScreen,
  };
}

function applyCounts(list: LiveQuestionView[], counts: Record<string, number>): LiveQuestionView[] {
  let changed = false;
  const next = list.map((q) => {
    const upvotes = counts[q.id];
    if (upvotes === undefined || upvotes === q.upvotes) return q;
    changed = true;
    return { ...q, upvotes };
  });
  return changed ? next : list;
}

function adjustCount(list: LiveQuestionView[], id: string, delta: number): LiveQuestionView[] {
  return list.some((q) => q.id === id) ? list.map((q) => (q.id === id ? { ...q, upvotes: Math.max(0, q.upvotes + delta) } : q)) : list;
}

function adjust(state: RoomState, id: string, delta: number): Pick<RoomState, 'questions' | 'onScreen'> {
  return {
    questions: adjustCount(state.questions, id, delta),
    onScreen: state.onScreen?.id === id ? { ...state.onScreen, upvotes: Math.max(0, state.onScreen.upvotes + delta) } : state.onScreen,
  };
}

function withResults(poll: LivePollView, results: PollResults): LivePollView {
  return { ...poll, results: { totalBallots: results.totalBallots, options: results.options } };
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'reset':
      return EMPTY_ROOM;

    case 'joined': {
      // A full resync: the join's view replaces what the page had (a participant's own pending and
      // rejected questions too), except what the join cannot know (polls that closed, with their final results).
      const { result } = action;
      const moderator = result.pending !== undefined;
      const publicIds = new Set(result.questions.map((q) => q.id));
      const openIds = new Set(result.polls.map((p) => p.id));
      const sameSession = state.session?.id === result.session.id;
      const inFlight = sameSession ? state.inFlight : new Map<string, InFlightVote>();
      const myUpvotes = new Set(result.myUpvotes);
      // A vote still awaiting its ack keeps its optimistic state until the ack settles it.
      for (const [id, vote] of inFlight) {
        if (vote.upvoted) myUpvotes.add(id);
        else myUpvotes.delete(id);
      }
      return {
        session: {
          ...result.session,
          participants: result.session.participants ?? (sameSession ? state.session?.participants : undefined),
        },
        questions: result.questions.filter((q) => PUBLIC.has(q.status)),
        pending: moderator
          ? (result.pending ?? [])
          : (result.myQuestions ?? (sameSession ? state.pending.filter((q) => !publicIds.has(q.id)) : [])),
        onScreen: result.onScreen,
        polls: [...(sameSession ? state.polls.filter((p) => p.status === 'closed' && !openIds.has(p.id)) : []), ...result.polls],
        myUpvotes,
        inFlight: new Map([...inFlight].map(([id, vote]) => [id, { ...vote, counted: false }])),
        moderator,
      };
    }

    case 'question:new':
    case 'question:updated':
    case 'asked':
    case 'moderated':
      if (state.session && action.type !== 'asked' && action.type !== 'moderated' && action.payload.question.sessionId !== state.session.id)
        return state;
      return placeQuestion(state, 'payload' in action ? action.payload.question : action.question);

    case 'question:votes': {
      const { sessionId, counts } = action.payload;
      if (state.session && sessionId !== state.session.id) return state;
      // The whole batch in one update; the server's totals replace any optimistic ±1.
      let inFlight = state.inFlight;
      for (const [id, vote] of state.inFlight) {
        if (vote.counted && counts[id] !== undefined) {
          if (inFlight === state.inFlight) inFlight = new Map(state.inFlight);
          (inFlight as Map<string, InFlightVote>).set(id, { ...vote, counted: false });
        }
      }
      const onScreenCount = state.onScreen ? counts[state.onScreen.id] : undefined;
      return {
        ...state,
        questions: applyCounts(state.questions, counts),
        pending: applyCounts(state.pending, counts),
        onScreen: state.onScreen && onScreenCount !== undefined ? { ...state.onScreen, upvotes: onScreenCount } : state.onScreen,
        inFlight,
      };
    }

    case 'screen:changed': {
      const { sessionId, question } = action.payload;
      if (state.session && sessionId !== state.session.id) return state;
      const questions = state.questions.map((q) =>
        q.id === question?.id ? { ...q, onScreen: true } : q.onScreen ? { ...q, onScreen: false } : q,
      );
      return {
        ...state,
        session: state.session ? { ...state.session, onScreenQuestionId: question?.id ?? null } : state.session,
        onScreen: question ? { ...question, onScreen: true } : null,
        questions,
      };
    }

    case 'poll:opened': {
      const { poll } = action.payload;
      if (state.session && poll.liveSessionId !== null && poll.liveSessionId !== state.session.id) return state;
      const known = state.polls.find((p) => p.id === poll.id);
      const merged = known ? { ...known, ...poll, myBallot: poll.myBallot ?? known.myBallot } : poll;
      return { ...state, polls: known ? state.polls.map((p) => (p.id === poll.id ? merged : p)) : [...state.polls, poll] };
    }

    case 'poll:results': {
      const { pollId, ...results } = action.payload;
      return { ...state, polls: withPoll(state.polls, pollId, (poll) => withResults(poll, results)) };
    }

    case 'poll:closed': {
      const { pollId, results } = action.payload;
      return {
        ...state,
        polls: withPoll(state.polls, pollId, (poll) => ({
          ...(results ? withResults(poll, results) : poll),
          status: 'closed',
          closedAt: poll.closedAt ?? new Date().toISOString(),
        })),
      };
    }

    case 'session:updated': {
      const { session } = action.payload;
      if (state.session && session.id !== state.session.id) return state;
      return { ...state, session: { ...session, participants: session.participants ?? state.session?.participants } };
    }

    case 'moderation:item':
      if (!state.moderator) return state;
      if (state.session && action.payload.question.sessionId !== state.session.id) return state;
      return { ...state, pending: upsert(state.pending, action.payload.question) };

    case 'moderation:resolved':
      return state.moderator ? { ...state, pending: without(state.pending, action.payload.itemId) } : state;

    case 'vote:start': {
      const { questionId, upvoted } = action;
      const was = state.myUpvotes.has(questionId);
      if (was === upvoted) return state;
      const myUpvotes = new Set(state.myUpvotes);
      if (upvoted) myUpvotes.add(questionId);
      else myUpvotes.delete(questionId);
      const inFlight = new Map(state.inFlight).set(questionId, { upvoted, counted: true });
      return { ...state, ...adjust(state, questionId, upvoted ? 1 : -1), myUpvotes, inFlight };
    }

    case 'vote:settled': {
      const vote = state.inFlight.get(action.questionId);
      if (!vote) return state;
      const inFlight = new Map(state.inFlight);
      inFlight.delete(action.questionId);
      if (action.ok) return { ...state, inFlight };
      // Refused: back to what it was; the count too, unless the server's total has replaced the guess already.
      const myUpvotes = new Set(state.myUpvotes);
      if (vote.upvoted) myUpvotes.delete(action.questionId);
      else myUpvotes.add(action.questionId);
      const counts = vote.counted ? adjust(state, action.questionId, vote.upvoted ? -1 : 1) : {};
      return { ...state, ...counts, myUpvotes, inFlight };
    }

    case 'ballot':
      return { ...state, polls: withPoll(state.polls, action.pollId, (poll) => ({ ...poll, myBallot: { optionIds: action.optionIds } })) };
  }
}
