import { LIVE_SESSION_STATUSES, MODERATION_ACTIONS, NOTIFICATION_TYPES, QUESTION_SOURCES, QUESTION_STATUSES } from '@balai/contracts';

/**
 * AsyncAPI 3.0 description of the `/live` Socket.IO namespace, served at GET /api/docs/asyncapi.json.
 * The event map it describes is `ClientToServerEvents` / `ServerToClientEvents` in @balai/contracts
 * (live-events.ts). Written by hand for its prose, checked against those types by asyncapi.spec.ts:
 * every event, and every payload's and ack's property names, required properties and enums, so a
 * drift fails `npm test`.
 */
const uuid = { type: 'string', format: 'uuid' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const dateTime = { type: 'string', format: 'date-time' };
const object = (properties: Record<string, object>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});
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
    ack: ackOf(
      object(
        {
          session: ref('Session'),
          questions: { type: 'array', items: ref('Question'), description: 'approved + answered, top 100 by upvotes' },
          myUpvotes: { type: 'array', items: uuid },
          onScreen: nullable(ref('Question')),
          polls: { type: 'array', items: ref('Poll') },
          pending: { type: 'array', items: ref('Question'), description: 'moderators only' },
          myQuestions: {
            type: 'array',
            items: ref('Question'),
            description: 'participants only: their own questions still pending or rejected (with the reason), newest first',
          },
        },
        ['pending', 'myQuestions'],
      ),
    ),
  },
  'session:leave': {
    summary: 'Leave the session room.',
    payload: object({ sessionId: uuid }),
    ack: ackOf({ type: 'object', additionalProperties: false }),
  },
  'question:ask': {
    summary: 'Ask a question (5 a minute per participant and session). The same clientRequestId returns the same question.',
    payload: object(
      {
        sessionId: uuid,
        text: { type: 'string', minLength: 1, maxLength: 500 },
        anonymous: { type: 'boolean' },
        clientRequestId: { type: 'string', minLength: 1, maxLength: 64 },
      },
      ['anonymous'],
    ),
    ack: ackOf(object({ question: ref('Question') })),
  },
  'question:upvote': {
    summary: 'Upvote (idempotent, one per participant; 60 a minute). Acknowledged once the vote is in the database.',
    payload: ref('QuestionRef'),
    ack: ackOf(ref('VoteResult')),
  },
  'question:unvote': { summary: 'Take an upvote back (idempotent).', payload: ref('QuestionRef'), ack: ackOf(ref('VoteResult')) },
  'question:moderate': {
    summary:
      'Moderators: approve, reject (the author alone is told, with the reason), answer, archive, show (one on screen per session), hide, merge (into another question of the session: its upvoters count once there).',
    payload: object(
      {
        questionId: uuid,
        action: { enum: [...MODERATION_ACTIONS] },
        reason: { type: 'string', maxLength: 500 },
        intoQuestionId: { ...uuid, description: 'With `merge`: the question of the same session that takes this one.' },
      },
      ['reason', 'intoQuestionId'],
    ),
    ack: ackOf(object({ question: ref('Question') })),
  },
  'poll:vote': {
    summary: 'Cast or replace a ballot in a poll of the session.',
    payload: object({ pollId: uuid, optionIds: { type: 'array', items: uuid, minItems: 1, maxItems: 20 } }),
    ack: ackOf(object({ ballot: ref('Ballot') })),
  },
};

const serverEvents: Record<string, { summary: string; payload: object }> = {
  'question:new': {
    summary: 'A question became public (approved, or at once without pre-moderation).',
    payload: object({ question: ref('Question') }),
  },
  'question:updated': {
    summary: 'Status or screen change; a rejection goes to its author only.',
    payload: object({ question: ref('Question') }),
  },
  'question:votes': {
    summary:
      'Upvote totals of the questions that changed, coalesced (every 100 ms, less often in halls of thousands; every change within 500 ms); totals as the database keeps them. Not replayed after a reconnect: session:join carries every count.',
    payload: object({
      sessionId: uuid,
      counts: { type: 'object', description: 'question id → upvotes', additionalProperties: { type: 'integer' } },
    }),
  },
  'screen:changed': {
    summary: 'The question on screen (or null).',
    payload: object({ sessionId: uuid, question: nullable(ref('Question')) }),
  },
  'poll:opened': { summary: 'A poll of the session opened.', payload: object({ poll: ref('Poll') }) },
  'poll:results': { summary: 'Poll counts (live-visibility polls), coalesced like votes.', payload: ref('PollResults') },
  'poll:closed': {
    summary: 'A poll closed, with its final results.',
    payload: object({ pollId: uuid, results: ref('Results') }),
  },
  'session:updated': {
    summary:
      'Status changes and `participants`, the people connected (each once, however many sockets they have open; at most once a second), delivered like counts (within a window; the newest view supersedes earlier ones, a status never goes back). Not replayed after a reconnect: session:join carries the session.',
    payload: object({ session: ref('Session') }),
  },
  'moderation:item': {
    summary: 'Moderators of the session: a question waits for a decision.',
    payload: object({ itemId: uuid, type: { const: 'question' }, question: ref('Question') }),
  },
  'moderation:resolved': {
    summary: 'Moderators of the session: a pending item was decided.',
    payload: object({ itemId: uuid }),
  },
  'notification:new': {
    summary:
      "To the person's own sockets, whether or not they joined a session: a new notification (as GET /api/v1/me/notifications lists it).",
    payload: object({ notification: ref('Notification') }),
  },
};

const messageName = (event: string) => event.replace(':', '_');

export const LIVE_ASYNCAPI = {
  asyncapi: '3.0.0',
  info: {
    title: 'Balai live Q&A (Socket.IO namespace /live)',
    version: '1',
    description:
      'Connect with `io(origin + "/live", {auth: {token}})` (Socket.IO 4); no or bad token gives `connect_error` "unauthorized" ' +
      '(its `data.code` says why: `token_revoked` once the account signed out, changed role, was suspended or deleted; `token_expired`; `invalid_token`), ' +
      'a suspended account `connect_error` "suspended", an address holding LIVE_SOCKETS_PER_ADDRESS (2,000) connections ' +
      '`connect_error` "too_many_connections" (`data.code` the same). Ending an account\'s sessions closes its sockets (`disconnect` "io server disconnect"), ' +
      'and a connection state is recovered only while its token would still be accepted. ' +
      'Every client event takes an acknowledgement callback answered `{ok:true,data}` or `{ok:false,error:{code,message}}` with code ' +
      'validation | unauthorized | forbidden | not_found | conflict | rate_limited | unavailable. Messages are at most 16 KB ' +
      '(a larger one gets a `validation` error ack, detail `payload_too_large`; over 1 MB the transport closes). Unknown events are answered with a `validation` error ack. ' +
      'A socket sends at most LIVE_EVENTS_PER_SECOND (20) events a second: more get a `rate_limited` ack (detail `socket_rate`) ' +
      'without reaching a handler, and a socket that keeps flooding is disconnected.',
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
      Session: object(
        {
          id: uuid,
          code: { type: 'string' },
          title: { type: 'string' },
          status: { enum: [...LIVE_SESSION_STATUSES] },
          preModeration: { type: 'boolean' },
          allowAnonymous: { type: 'boolean' },
          consultationId: nullable(uuid),
          onScreenQuestionId: nullable(uuid),
          createdAt: dateTime,
          startedAt: nullable(dateTime),
          endedAt: nullable(dateTime),
          participants: {
            type: 'integer',
            description: 'People connected (all processes); present in `session:updated` and `session:join`.',
          },
        },
        ['participants'],
      ),
      Question: object(
        {
          id: uuid,
          sessionId: uuid,
          text: { type: 'string' },
          author: {
            description: 'null when asked anonymously (moderators still see who).',
            ...nullable(object({ displayName: { type: 'string' }, id: uuid }, ['id'])),
          },
          anonymous: { type: 'boolean' },
          status: { enum: [...QUESTION_STATUSES] },
          upvotes: { type: 'integer' },
          onScreen: { type: 'boolean' },
          createdAt: dateTime,
          rejectionReason: { description: 'Only to the author and moderators, for a rejected question.', ...nullable({ type: 'string' }) },
          source: { enum: [...QUESTION_SOURCES], description: '`hall` and `card`: entered by a moderator' },
          mergedInto: { description: 'A merged question: the question it was merged into.', ...nullable(uuid) },
        },
        ['rejectionReason', 'mergedInto'],
      ),
      Poll: {
        description: 'As GET /api/v1/polls/:id returns it.',
        ...object(
          {
            id: uuid,
            question: { type: 'string' },
            options: { type: 'array', items: object({ id: uuid, label: { type: 'string' } }) },
            multiple: { type: 'boolean' },
            status: { enum: ['open', 'closed'], description: '`closed` also once `closesAt` has passed.' },
            resultsVisibility: { enum: ['live', 'after_close'] },
            consultationId: nullable(uuid),
            liveSessionId: nullable(uuid),
            closesAt: nullable(dateTime),
            createdAt: dateTime,
            closedAt: nullable(dateTime),
            results: { ...ref('Results'), description: 'When the caller may see results.' },
            myBallot: { ...ref('Ballot'), description: "The caller's own ballot, when they have one." },
          },
          ['results', 'myBallot'],
        ),
      },
      Results: object({
        totalBallots: { type: 'integer' },
        options: { type: 'array', description: 'In option order', items: object({ id: uuid, votes: { type: 'integer' } }) },
      }),
      PollResults: {
        allOf: [object({ pollId: uuid }), ref('Results')],
      },
      Notification: object({
        id: uuid,
        type: { enum: [...NOTIFICATION_TYPES] },
        title: { type: 'string' },
        body: { type: 'string' },
        link: { type: 'string', description: 'A path of the web app' },
        subject: object({ type: { type: 'string' }, id: uuid }),
        read: { type: 'boolean' },
        createdAt: dateTime,
      }),
      Ballot: object({ optionIds: { type: 'array', items: uuid } }),
      QuestionRef: object({ questionId: uuid }),
      VoteResult: object({ questionId: uuid, upvoted: { type: 'boolean' } }),
      ErrorAck: object({
        ok: { const: false },
        error: object(
          {
            code: { enum: ['validation', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'unavailable'] },
            message: { type: 'string' },
            detail: { type: 'string' },
            fields: { type: 'array', items: object({ field: { type: 'string' }, message: { type: 'string' } }) },
          },
          ['detail', 'fields'],
        ),
      }),
    },
  },
} as const;
