/**
 * Who may call what (issue 17): every HTTP route and every `/live` client event, with the answer each
 * caller gets. `authorization-matrix.e2e-spec.ts` calls each of them as each caller and compares; a
 * route of the running app (OpenAPI document or Nest's router) without a row fails that spec, which
 * prints the row to add. docs/RELIABILITY.md's "## Who may call what" is `renderWhoMayCallWhat()`.
 *
 * Adding a row: `http('METHOD /api/v1/path/{param}', 'anonymous guest citizen moderator official admin')`
 * with the six expected statuses in that order. Without `params` every path parameter is a fresh
 * random UUID (so 404 once allowed); without `body` a write sends `{}` (so 400 once allowed): guards
 * answer 401/403 before validation. Give `params`/`body` to reach the 2xx.
 */

export const CALLERS = ['anonymous', 'guest', 'citizen', 'moderator', 'official', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export type Signed = Exclude<Caller, 'anonymous'>;

/** The objects the spec creates once (beforeAll), by name; `mine` are per caller (one each, so a state change by one caller does not change the next caller's answer). */
export interface Fixtures {
  /** Shared objects: `thread` etc. Owned by `owner` (another citizen) unless said otherwise. */
  ids: Record<string, string>;
  /** Per-caller objects: mine[name][caller]. */
  mine: Record<string, Record<Caller, string>>;
  /** A string never used before (e-mails, clientRequestIds). */
  unique(): string;
}

export interface HttpRequest {
  /** Path parameter values by name; missing ones are random UUIDs. */
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Call with the caller's spare account (routes that end the caller's sessions). */
  spare?: boolean;
  /** Call with the caller's account kept for the one route that deletes it (`DELETE /me`). */
  doomed?: boolean;
}

export interface HttpRow {
  route: string;
  expect: Record<Caller, number>;
  /** What the caller acts on, for the doc (e.g. "another citizen's thread"). */
  on?: string;
  request?: (f: Fixtures, caller: Caller) => HttpRequest;
}

/** `ok` or the ack's error code; `unauthorized` for anonymous: the handshake itself is refused. */
export type AckOutcome = 'ok' | 'unauthorized' | 'forbidden' | 'validation' | 'not_found' | 'conflict' | 'rate_limited';

export interface EventRow {
  event: string;
  expect: Record<Caller, AckOutcome>;
  on?: string;
  payload: (f: Fixtures, caller: Caller) => unknown;
}

function byCaller<T extends string | number>(answers: string, parse: (word: string) => T): Record<Caller, T> {
  const words = answers.trim().split(/\s+/);
  if (words.length !== CALLERS.length) throw new Error(`expected ${CALLERS.length} answers (${CALLERS.join(' ')}), got "${answers}"`);
  return Object.fromEntries(CALLERS.map((caller, index) => [caller, parse(words[index])])) as Record<Caller, T>;
}

function http(route: string, answers: string, extra: Omit<HttpRow, 'route' | 'expect'> = {}): HttpRow {
  return { route, expect: byCaller(answers, Number), ...extra };
}

function event(name: string, answers: string, on: string, payload: EventRow['payload']): EventRow {
  return { event: name, expect: byCaller(answers, (word) => word as AckOutcome), on, payload };
}

const mine = (name: string) => (f: Fixtures, caller: Caller) => ({ params: { id: f.mine[name][caller] } });

export const HTTP_MATRIX: HttpRow[] = [
  // Identity
  http('POST /api/v1/auth/register', '201 201 201 201 201 201', {
    request: (f) => ({ body: { email: `${f.unique()}@test.balai`, password: 'correct-horse-battery', displayName: 'Baru' } }),
  }),
  http('POST /api/v1/auth/login', '200 200 200 200 200 200', {
    on: 'a citizen account',
    request: (f) => ({ body: { email: f.ids.loginEmail, password: 'correct-horse-battery' } }),
  }),
  http('POST /api/v1/auth/guest', '201 201 201 201 201 201', { request: () => ({ body: { displayName: 'Tamu' } }) }),
  http('POST /api/v1/auth/logout', '401 204 204 204 204 204', { on: 'own sessions', request: () => ({ spare: true }) }),
  http('GET /api/v1/auth/guest/challenge', '404 404 404 404 404 404', { on: 'proof of work off (the default)' }),
  http('GET /api/v1/me/export', '401 200 200 200 200 200', { on: 'own data' }),
  http('DELETE /api/v1/me', '401 204 204 204 204 204', {
    on: 'own account',
    request: (_, caller) => ({ doomed: true, body: caller === 'guest' ? {} : { password: 'correct-horse-battery' } }),
  }),
  http('GET /api/v1/me', '401 200 200 200 200 200'),
  http('PUT /api/v1/me/preferences', '401 200 200 200 200 200', {
    request: () => ({ body: { emailNotifications: false, locale: 'en' } }),
  }),
  http('PUT /api/v1/users/{id}/role', '401 403 403 403 403 200', {
    on: 'another citizen',
    request: (f, caller) => ({ params: { id: f.mine.roleTarget[caller] }, body: { role: 'moderator' } }),
  }),
  http('GET /health', '200 200 200 200 200 200'),
  // Consultations and decisions
  http('POST /api/v1/consultations', '401 403 403 403 201 201', {
    request: () => ({ body: { title: 'Konsultasi baru', description: 'Isi' } }),
  }),
  http('GET /api/v1/consultations', '200 200 200 200 200 200'),
  http('GET /api/v1/consultations/{id}', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.consultation } }) }),
  http('POST /api/v1/consultations/{id}/close', '401 403 403 403 200 200', {
    on: 'an open consultation',
    request: mine('openConsultation'),
  }),
  http('GET /api/v1/consultations/{id}/summary', '200 200 200 200 200 200', {
    on: 'a closed consultation',
    request: (f) => ({ params: { id: f.ids.closedConsultation } }),
  }),
  http('GET /api/v1/consultations/{id}/decision', '200 200 200 200 200 200', {
    on: 'a decided consultation',
    request: (f) => ({ params: { id: f.ids.decidedConsultation } }),
  }),
  http('POST /api/v1/consultations/{id}/decision', '401 403 403 403 201 201', {
    on: 'a closed consultation',
    request: (f, caller) => ({ params: { id: f.mine.closedConsultation[caller] }, body: { title: 'Keputusan', body: 'Isi keputusan' } }),
  }),
  http('GET /api/v1/decisions', '200 200 200 200 200 200'),
  http('GET /api/v1/decisions/feed.atom', '200 200 200 200 200 200'),
  http('GET /api/v1/decisions/export', '200 200 200 200 200 200', { request: () => ({ query: 'format=json' }) }),
  http('GET /api/v1/decisions/{id}', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.decision } }) }),
  http('POST /api/v1/decisions/{id}/amendments', '401 403 403 403 201 201', {
    request: (f) => ({ params: { id: f.ids.decision }, body: { body: 'Perubahan' } }),
  }),
  http('GET /api/v1/transparency-log', '200 200 200 200 200 200'),
  http('GET /api/v1/transparency-log/head', '200 200 200 200 200 200'),
  // Forum
  http('GET /api/v1/threads', '200 200 200 200 200 200'),
  http('POST /api/v1/threads', '401 403 201 201 201 201', {
    request: () => ({ body: { title: 'Usulan baru', body: 'Isi usulan', kind: 'idea' } }),
  }),
  http('GET /api/v1/threads/{id}', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.thread } }) }),
  http('PATCH /api/v1/threads/{id}', '401 403 403 403 403 403', {
    on: "another citizen's thread",
    request: (f) => ({ params: { id: f.ids.thread }, body: { title: 'Diubah orang lain' } }),
  }),
  http('GET /api/v1/threads/{id}/posts', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.thread } }) }),
  http('POST /api/v1/threads/{id}/posts', '401 403 201 201 201 201', {
    request: (f) => ({ params: { id: f.ids.thread }, body: { body: 'Balasan' } }),
  }),
  http('PUT /api/v1/threads/{id}/support', '401 403 200 200 200 200', { request: (f) => ({ params: { id: f.ids.thread } }) }),
  http('DELETE /api/v1/threads/{id}/support', '401 403 200 200 200 200', { request: (f) => ({ params: { id: f.ids.thread } }) }),
  http('PUT /api/v1/threads/{id}/progress', '401 403 403 403 200 200', {
    on: "another citizen's idea",
    request: (f, caller) => ({ params: { id: f.mine.idea[caller] }, body: { state: 'under_review' } }),
  }),
  http('GET /api/v1/threads/{id}/progress', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.thread } }) }),
  http('PATCH /api/v1/posts/{id}', '401 403 403 403 403 403', {
    on: "another citizen's post",
    request: (f) => ({ params: { id: f.ids.post }, body: { body: 'Diubah orang lain' } }),
  }),
  // Polls
  http('POST /api/v1/polls', '401 403 403 201 201 201', { request: () => ({ body: { question: 'Kapan?', options: ['Pagi', 'Malam'] } }) }),
  http('GET /api/v1/polls', '200 200 200 200 200 200', { request: (f) => ({ query: `consultationId=${f.ids.consultation}` }) }),
  http('GET /api/v1/polls/{id}', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.poll } }) }),
  http('PUT /api/v1/polls/{id}/ballot', '401 200 200 200 200 200', {
    on: "a live session's poll",
    request: (f) => ({ params: { id: f.ids.poll }, body: { optionIds: [f.ids.pollOption] } }),
  }),
  http('POST /api/v1/polls/{id}/close', '401 403 403 200 200 200', { on: "another moderator's poll", request: mine('poll') }),
  // Live sessions
  http('POST /api/v1/live-sessions', '401 403 403 201 201 201', { request: () => ({ body: { title: 'Rapat' } }) }),
  http('GET /api/v1/live-sessions', '200 200 200 200 200 200'),
  http('POST /api/v1/live-sessions/{id}/start', '401 403 403 200 200 200', {
    on: "another moderator's session",
    request: mine('scheduledSession'),
  }),
  http('POST /api/v1/live-sessions/{id}/end', '401 403 403 200 200 200', {
    on: "another moderator's session",
    request: mine('liveSession'),
  }),
  http('GET /api/v1/live-sessions/by-code/{code}', '200 200 200 200 200 200', {
    request: (f) => ({ params: { code: f.ids.sessionCode } }),
  }),
  http('GET /api/v1/live-sessions/{id}', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.session } }) }),
  http('GET /api/v1/live-sessions/{id}/questions', '200 200 200 200 200 200', { request: (f) => ({ params: { id: f.ids.session } }) }),
  http('POST /api/v1/live-sessions/{id}/questions', '401 403 403 201 201 201', {
    request: (f) => ({ params: { id: f.ids.session }, body: { text: 'Pertanyaan dari kartu', source: 'card' } }),
  }),
  http('POST /api/v1/live-questions/{id}/moderate', '401 403 403 200 200 200', {
    on: "another participant's question",
    request: (f, caller) => ({ params: { id: f.mine.question[caller] }, body: { action: 'answer' } }),
  }),
  // Moderation
  http('GET /api/v1/moderation/items', '401 403 403 200 200 200'),
  http('GET /api/v1/moderation/items/{id}', '401 403 403 200 200 200', { request: (f) => ({ params: { id: f.ids.item } }) }),
  http('POST /api/v1/moderation/items/{id}/claim', '401 403 403 200 200 200', { request: mine('item') }),
  http('POST /api/v1/moderation/items/{id}/resolve', '401 403 403 200 200 200', {
    request: (f, caller) => ({ params: { id: f.mine.item[caller] }, body: { action: 'dismiss' } }),
  }),
  http('GET /api/v1/moderation/log', '401 403 403 200 200 200'),
  http('GET /api/v1/moderation/banned-words', '401 403 403 200 200 200'),
  http('PUT /api/v1/moderation/banned-words', '401 403 403 403 403 200', { request: () => ({ body: { id: ['kata'], en: ['word'] } }) }),
  http('POST /api/v1/reports', '401 201 201 201 201 201', {
    on: "another citizen's thread",
    // One thread per caller: three reporters hide a thread, and a hidden one is unknown to the next reporter (404).
    request: (f, caller) => ({ body: { targetType: 'thread', targetId: f.mine.reportedThread[caller], reason: 'spam' } }),
  }),
  http('PUT /api/v1/live-sessions/{id}/mutes/{userId}', '401 403 403 200 200 200', {
    on: 'a guest',
    request: (f, caller) => ({ params: { id: f.ids.session, userId: f.mine.muteTarget[caller] }, body: { reason: 'Mengganggu' } }),
  }),
  http('DELETE /api/v1/live-sessions/{id}/mutes/{userId}', '401 403 403 204 204 204', {
    on: 'a muted guest',
    request: (f, caller) => ({ params: { id: f.ids.session, userId: f.mine.mutedGuest[caller] }, body: {} }),
  }),
  http('PUT /api/v1/users/{id}/suspension', '401 403 403 200 200 200', {
    on: 'a guest',
    request: (f, caller) => ({ params: { id: f.mine.suspendTarget[caller] }, body: { reason: 'Spam' } }),
  }),
  http('DELETE /api/v1/users/{id}/suspension', '401 403 403 204 204 204', {
    on: 'a suspended guest',
    request: (f, caller) => ({ params: { id: f.mine.suspendedGuest[caller] }, body: {} }),
  }),
  // Notifications
  http('GET /api/v1/me/notifications', '401 200 200 200 200 200'),
  http('GET /api/v1/me/notifications/unread-count', '401 200 200 200 200 200'),
  http('POST /api/v1/me/notifications/read', '401 200 200 200 200 200', { request: () => ({ body: { all: true } }) }),
];

export const EVENT_MATRIX: EventRow[] = [
  event('session:join', 'unauthorized ok ok ok ok ok', 'a live session', (f) => ({ sessionId: f.ids.session })),
  event('session:leave', 'unauthorized ok ok ok ok ok', 'a live session', (f) => ({ sessionId: f.ids.session })),
  event('question:ask', 'unauthorized ok ok ok ok ok', 'a live session', (f) => ({
    sessionId: f.ids.session,
    text: 'Kapan taman dibuka?',
    clientRequestId: f.unique(),
  })),
  event('question:upvote', 'unauthorized ok ok ok ok ok', "another participant's question", (f) => ({ questionId: f.ids.question })),
  event('question:unvote', 'unauthorized ok ok ok ok ok', "another participant's question", (f) => ({ questionId: f.ids.question })),
  event('question:moderate', 'unauthorized forbidden forbidden ok ok ok', "another participant's question", (f, caller) => ({
    questionId: f.mine.socketQuestion[caller],
    action: 'answer',
  })),
  event('poll:vote', 'unauthorized ok ok ok ok ok', "a live session's poll", (f) => ({
    pollId: f.ids.poll,
    optionIds: [f.ids.pollOption],
  })),
];

/** A row to paste into HTTP_MATRIX for a route that has none, with the answers just observed. */
export function suggestRow(route: string, observed: Record<Caller, number>): string {
  return `  http('${route}', '${CALLERS.map((caller) => observed[caller]).join(' ')}'),`;
}

/** The "## Who may call what" section of docs/RELIABILITY.md, generated from the matrix. */
export function renderWhoMayCallWhat(): string {
  const header = `| route | ${CALLERS.join(' | ')} | acting on |`;
  const rule = `| --- | ${CALLERS.map(() => '---').join(' | ')} | --- |`;
  const httpLines = HTTP_MATRIX.map(
    (row) => `| \`${row.route}\` | ${CALLERS.map((caller) => row.expect[caller]).join(' | ')} | ${row.on ?? ''} |`,
  );
  const eventHeader = `| event | ${CALLERS.join(' | ')} | acting on |`;
  const eventLines = EVENT_MATRIX.map(
    (row) => `| \`${row.event}\` | ${CALLERS.map((caller) => row.expect[caller]).join(' | ')} | ${row.on ?? ''} |`,
  );
  return [
    '## Who may call what',
    '',
    'Generated from `test/e2e/authorization-matrix.ts`; `test/e2e/authorization-matrix.e2e-spec.ts` makes each call as each',
    'caller and checks this section equals the matrix (it prints the section to paste when they differ). A route of the',
    'running app without a row fails that spec. Objects belong to someone else (another citizen, another moderator) unless',
    '"acting on" says otherwise; 403 and `forbidden` are refusals, 401 and `unauthorized` ask for a token.',
    '',
    header,
    rule,
    ...httpLines,
    '',
    'Socket.IO, namespace `/live` (an anonymous client is refused at the handshake: `connect_error` `unauthorized`):',
    '',
    eventHeader,
    rule,
    ...eventLines,
    '',
  ].join('\n');
}
