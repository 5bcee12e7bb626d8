/**
 * AsyncAPI 3.0 description of the `/live` Socket.IO namespace, served at GET /api/docs/asyncapi.json.
 * Hand-written beside the typed event map in @balai/contracts (live-events.ts); keep the two together.
 */
const uuid = { type: 'string', format: 'uuid' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ackOf = (data: object) => ({
  oneOf: [{ type: 'object', required: ['ok', 'data'], properties: { ok: { const: true }, data } }, ref('ErrorAck')],
});

const clientEvents: Record<string, { summary: string; payload: object; ack: object }> = {
  'session:join': {
    summary: 'Join a session by join code or id; the ack carries the full state (call it again after a reconnect).',
    payload: {
      oneOf: [
        { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-HJ-NP-Z2-9]{6}$' } } },
        { type: 'object', required: ['sessionId'], properties: { sessionId: uuid } },
      ],
    },
    ack: ackOf({
      type: 'object',
      properties: {
        session: ref('Session'),
        questions: { type: 'array', items: ref('Question'), description: 'approved + answered, top 100 by upvotes' },
        myUpvotes: { type: 'array', items: uuid },
        onScreen: { oneOf: [ref('Question'), { type: 'null' }] },
        polls: { type: 'array', items: ref('Poll') },
        pending: { type: 'array', items: ref('Question'), description: 'moderators only' },
      },
    }),
  },
  'session:leave': {
    summary: 'Leave the session room.',
    payload: { type: 'object', required: ['sessionId'], properties: { sessionId: uuid } },
    ack: ackOf({ type: 'object' }),
  },
  'question:ask': {
    summary: 'Ask a question (5 a minute per participant and session). The same clientRequestId returns the same question.',
    payload: {
      type: 'object',
      required: ['sessionId', 'text', 'clientRequestId'],
      properties: {
        sessionId: uuid,
        text: { type: 'string', minLength: 1, maxLength: 500 },
        anonymous: { type: 'boolean' },
        clientRequestId: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    ack: ackOf({ type: 'object', properties: { question: ref('Question') } }),
  },
  'question:upvote': {
    summary: 'Upvote (idempotent, one per participant; 60 a minute). Acknowledged once the vote is in the database.',
    payload: ref('QuestionRef'),
    ack: ackOf(ref('VoteResult')),
  },
  'question:unvote': { summary: 'Take an upvote back (idempotent).', payload: ref('QuestionRef'), ack: ackOf(ref('VoteResult')) },
  'question:moderate': {
    summary:
      'Moderators: approve, reject (the author alone is told, with the reason), answer, archive, show (one on screen per session), hide.',
    payload: {
      type: 'object',
      required: ['questionId', 'action'],
      properties: {
        questionId: uuid,
        action: { enum: ['approve', 'reject', 'answer', 'archive', 'show', 'hide'] },
        reason: { type: 'string', maxLength: 500 },
      },
    },
    ack: ackOf({ type: 'object', properties: { question: ref('Question') } }),
  },
  'poll:vote': {
    summary: 'Cast or replace a ballot in a poll of the session.',
    payload: {
      type: 'object',
      required: ['pollId', 'optionIds'],
      properties: { pollId: uuid, optionIds: { type: 'array', items: uuid, minItems: 1, maxItems: 20 } },
    },
    ack: ackOf({ type: 'object', properties: { ballot: { type: 'object', properties: { optionIds: { type: 'array', items: uuid } } } } }),
  },
};

const serverEvents: Record<string, { summary: string; payload: object }> = {
  'question:new': {
    summary: 'A question became public (approved, or at once without pre-moderation).',
    payload: { type: 'object', properties: { question: ref('Question') } },
  },
  'question:updated': {
    summary: 'Status or screen change; a rejection goes to its author only.',
    payload: { type: 'object', properties: { question: ref('Question') } },
  },
  'question:votes': {
    summary:
      'Upvote totals of the questions that changed, coalesced (every 100 ms, less often in halls of thousands; every change within 500 ms); totals as the database keeps them. Not replayed after a reconnect: session:join carries every count.',
    payload: { type: 'object', properties: { sessionId: uuid, counts: { type: 'object', additionalProperties: { type: 'integer' } } } },
  },
  'screen:changed': {
    summary: 'The question on screen (or null).',
    payload: { type: 'object', properties: { sessionId: uuid, question: { oneOf: [ref('Question'), { type: 'null' }] } } },
  },
  'poll:opened': { summary: 'A poll of the session opened.', payload: { type: 'object', properties: { poll: ref('Poll') } } },
  'poll:results': { summary: 'Poll counts (live-visibility polls), coalesced like votes.', payload: ref('PollResults') },
  'poll:closed': {
    summary: 'A poll closed, with its final results.',
    payload: { type: 'object', properties: { pollId: uuid, results: ref('PollResults') } },
  },
  'session:updated': {
    summary:
      'Status changes and `participants`, the people connected (each once, however many sockets they have open; at most once a second), delivered like counts (within a window; the newest view supersedes earlier ones, a status never goes back). Not replayed after a reconnect: session:join carries the session.',
    payload: { type: 'object', properties: { session: ref('Session') } },
  },
  'moderation:item': {
    summary: 'Moderators of the session: a question waits for a decision.',
    payload: { type: 'object', properties: { itemId: uuid, type: { const: 'question' }, question: ref('Question') } },
  },
  'moderation:resolved': {
    summary: 'Moderators of the session: a pending item was decided.',
    payload: { type: 'object', properties: { itemId: uuid } },
  },
};

const messageName = (event: string) => event.replace(':', '_');

export const LIVE_ASYNCAPI = {
  asyncapi: '3.0.0',
  info: {
    title: 'Balai live Q&A (Socket.IO namespace /live)',
    version: '1',
    description:
      'Connect with `io(origin + "/live", {auth: {token}})` (Socket.IO 4); no or bad token gives `connect_error` "unauthorized". ' +
      'Every client event takes an acknowledgement callback answered `{ok:true,data}` or `{ok:false,error:{code,message}}` with code ' +
      'validation | unauthorized | forbidden | not_found | conflict | rate_limited | unavailable. Messages are at most 16 KB ' +
      '(a larger one gets a `validation` error ack, detail `payload_too_large`; over 1 MB the transport closes). Unknown events are answered with a `validation` error ack.',
  },
  defaultContentType: 'application/json',
  servers: {
    balai: { host: 'localhost:3000', protocol: 'ws', pathname: '/socket.io', description: 'Socket.IO 4 (engine.io v4), namespace /live' },
  },
  channels: {
    live: {
      address: '/live',
      messages: Object.fromEntries(
        [...Object.entries(clientEvents), ...Object.entries(serverEvents)].map(([event, spec]) => [
          messageName(event),
          { name: event, summary: spec.summary, payload: spec.payload, ...('ack' in spec ? { 'x-ack': spec.ack } : {}) },
        ]),
      ),
    },
  },
  operations: {
    ...Object.fromEntries(
      Object.keys(clientEvents).map((event) => [
        `send_${messageName(event)}`,
        { action: 'receive', channel: { $ref: '#/channels/live' }, messages: [{ $ref: `#/channels/live/messages/${messageName(event)}` }] },
      ]),
    ),
    ...Object.fromEntries(
      Object.keys(serverEvents).map((event) => [
        `on_${messageName(event)}`,
        { action: 'send', channel: { $ref: '#/channels/live' }, messages: [{ $ref: `#/channels/live/messages/${messageName(event)}` }] },
      ]),
    ),
  },
  components: {
    schemas: {
      Session: {
        type: 'object',
        properties: {
          id: uuid,
          code: { type: 'string' },
          title: { type: 'string' },
          status: { enum: ['scheduled', 'live', 'ended'] },
          preModeration: { type: 'boolean' },
          allowAnonymous: { type: 'boolean' },
          consultationId: { type: ['string', 'null'] },
          onScreenQuestionId: { type: ['string', 'null'] },
          participants: { type: 'integer' },
        },
      },
      Question: {
        type: 'object',
        properties: {
          id: uuid,
          sessionId: uuid,
          text: { type: 'string' },
          author: { oneOf: [{ type: 'object', properties: { displayName: { type: 'string' } } }, { type: 'null' }] },
          anonymous: { type: 'boolean' },
          status: { enum: ['pending', 'approved', 'rejected', 'answered', 'archived'] },
          upvotes: { type: 'integer' },
          onScreen: { type: 'boolean' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
      Poll: { type: 'object', description: 'As GET /api/v1/polls/:id returns it', properties: { id: uuid, question: { type: 'string' } } },
      PollResults: {
        type: 'object',
        properties: {
          pollId: uuid,
          totalBallots: { type: 'integer' },
          options: { type: 'array', items: { type: 'object', properties: { id: uuid, votes: { type: 'integer' } } } },
        },
      },
      QuestionRef: { type: 'object', required: ['questionId'], properties: { questionId: uuid } },
      VoteResult: { type: 'object', properties: { questionId: uuid, upvoted: { type: 'boolean' } } },
      ErrorAck: {
        type: 'object',
        required: ['ok', 'error'],
        properties: {
          ok: { const: false },
          error: {
            type: 'object',
            properties: {
              code: { enum: ['validation', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'unavailable'] },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;
