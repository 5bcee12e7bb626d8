import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_EVENTS } from '@balai/contracts';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import {
  AckOutcome,
  Caller,
  CALLERS,
  EVENT_MATRIX,
  Fixtures,
  HTTP_MATRIX,
  HttpRow,
  renderWhoMayCallWhat,
  Signed,
  suggestRow,
} from './authorization-matrix';
import { connectLive, emitAck, LiveClient, waitFor } from './live-helpers';

/**
 * The authorisation matrix (issue 17): every HTTP route of the running app and every `/live` client
 * event, called as anonymous, guest, citizen, moderator, official and admin, on objects that belong
 * to someone else; the answers must equal `authorization-matrix.ts`, and docs/RELIABILITY.md's
 * section must equal what the matrix renders. Then broken object level authorisation (someone
 * else's thread, post, notifications, upvote, support, ballot) and mass assignment (`role`,
 * `status`, `authorId`, counters, `isAdmin`, `id` in bodies), each checked afterwards in the data.
 * One app, fixtures made once.
 */
const SIGNED: Signed[] = ['guest', 'citizen', 'moderator', 'official', 'admin'];

type Request = { method: string; path: string; body?: unknown };

describe('who may call what', () => {
  let testApp: TestApp;
  let api: HttpClient;
  const nestRoutes = new Set<string>();
  const callers = {} as Record<Signed, TestAccount>;
  const spares = {} as Record<Signed, TestAccount>;
  const doomed = {} as Record<Signed, TestAccount>;
  let owner: TestAccount;
  let moderator2: TestAccount;
  let official2: TestAccount;
  let reporter: TestAccount;
  const sockets: LiveClient[] = [];
  const fixtures: Fixtures = { ids: {}, mine: {}, unique: () => `m${randomUUID().replaceAll('-', '').slice(0, 20)}` };

  const as = (account?: TestAccount) => api.as(account?.token);
  const created = async (response: Promise<{ status: number; body: any }>, what: string): Promise<any> => {
    const answer = await response;
    if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  /** One object per caller (anonymous too), made by `make`. */
  const perCaller = async (name: string, make: (caller: Caller) => Promise<string>) => {
    const made = {} as Record<Caller, string>;
    for (const caller of CALLERS) made[caller] = await make(caller);
    fixtures.mine[name] = made;
  };

  beforeAll(async () => {
    testApp = await createTestApp({
      env: {
        LOGIN_LIMIT_PER_MINUTE: '100000',
        GUEST_LIMIT_PER_MINUTE: '100000',
        REPORTS_PER_MINUTE: '1000',
        LIVE_QUESTIONS_PER_MINUTE: '1000',
      },
      beforeListen: (app) => {
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route) => {
            const methods = Array.isArray(route.method) ? route.method : [route.method];
            for (const method of methods) {
              if (method === 'HEAD' || method === 'OPTIONS') continue;
              if (!route.url.startsWith('/api/v1/') && route.url !== '/health') continue;
              nestRoutes.add(`${method} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
            }
          });
      },
    });
    api = new HttpClient(`${testApp.url}/api/v1`);
    callers.guest = await createGuest(testApp, 'Tamu');
    spares.guest = await createGuest(testApp, 'Tamu cadangan');
    doomed.guest = await createGuest(testApp, 'Tamu pamit');
    for (const role of ['citizen', 'moderator', 'official', 'admin'] as const) {
      callers[role] = await createAccount(testApp, role, `Sebagai ${role}`);
      spares[role] = await createAccount(testApp, role, `Cadangan ${role}`);
      doomed[role] = await createAccount(testApp, role, `Pamit ${role}`);
    }
    owner = await createAccount(testApp, 'citizen', 'Pemilik');
    reporter = await createAccount(testApp, 'citizen', 'Pelapor');
    moderator2 = await createAccount(testApp, 'moderator', 'Moderator lain');
    official2 = await createAccount(testApp, 'official', 'Pejabat lain');
    fixtures.ids.loginEmail = owner.email;

    const consultation = (title: string) => created(as(official2).post('/consultations', { title, description: 'Isi' }), 'consultation');
    const closed = async (title: string) => {
      const made = await consultation(title);
      await created(as(official2).post(`/consultations/${made.id}/close`), 'close');
      return made.id as string;
    };
    fixtures.ids.consultation = (await consultation('Taman Kota')).id;
    fixtures.ids.closedConsultation = await closed('Sudah ditutup');
    fixtures.ids.decidedConsultation = await closed('Sudah diputuskan');
    fixtures.ids.decision = (
      await created(
        as(official2).post(`/consultations/${fixtures.ids.decidedConsultation}/decision`, { title: 'Keputusan', body: 'Isi' }),
        'decision',
      )
    ).id;
    await perCaller('openConsultation', async () => (await consultation('Terbuka')).id);
    await perCaller('closedConsultation', () => closed('Ditutup'));

    const thread = (title: string, kind = 'idea') =>
      created(as(owner).post('/threads', { title, body: 'Isi usulan', kind, consultationId: fixtures.ids.consultation }), 'thread');
    fixtures.ids.thread = (await thread('Usulan pemilik')).id;
    fixtures.ids.post = (await created(as(owner).post(`/threads/${fixtures.ids.thread}/posts`, { body: 'Balasan pemilik' }), 'post')).id;
    await perCaller('reportedThread', async () => (await thread('Dilaporkan', 'discussion')).id);
    await perCaller('idea', async () => (await thread('Ide')).id);
    await perCaller('item', async () => {
      const target = (await thread('Dilaporkan sekali', 'discussion')).id;
      await created(as(reporter).post('/reports', { targetType: 'thread', targetId: target, reason: 'spam' }), 'report');
      const items = await created(as(moderator2).get('/moderation/items?status=pending&type=report&limit=100'), 'items');
      return (items.items as { id: string; target: { id: string } }[]).find((item) => item.target.id === target)!.id;
    });
    fixtures.ids.item = fixtures.mine.item.anonymous;

    const session = async (start: boolean) => {
      const made = await created(as(moderator2).post('/live-sessions', { title: 'Rapat', preModeration: false }), 'session');
      if (start) await created(as(moderator2).post(`/live-sessions/${made.id}/start`), 'start');
      return made as { id: string; code: string };
    };
    const live = await session(true);
    fixtures.ids.session = live.id;
    fixtures.ids.sessionCode = live.code;
    await perCaller('scheduledSession', async () => (await session(false)).id);
    await perCaller('liveSession', async () => (await session(true)).id);
    const poll = (liveSessionId?: string) =>
      created(as(moderator2).post('/polls', { question: 'Jam buka?', options: ['Pagi', 'Malam'], liveSessionId }), 'poll');
    const livePoll = await poll(live.id);
    fixtures.ids.poll = livePoll.id;
    fixtures.ids.pollOption = livePoll.options[0].id;
    await perCaller('poll', async () => (await poll()).id);
    const hallQuestion = async (text: string) =>
      (await created(as(moderator2).post(`/live-sessions/${live.id}/questions`, { text, source: 'hall' }), 'hall question')).id as string;
    await perCaller('question', () => hallQuestion('Dari aula'));
    await perCaller('socketQuestion', () => hallQuestion('Dari kartu'));
    const ownerSocket = await connectLive(testApp, owner.token);
    sockets.push(ownerSocket);
    await emitAck(ownerSocket, 'session:join', { sessionId: live.id });
    const asked = await emitAck(ownerSocket, 'question:ask', { sessionId: live.id, text: 'Pertanyaan pemilik', clientRequestId: 'q1' });
    if (!asked.ok) throw new Error(`ask: ${JSON.stringify(asked)}`);
    fixtures.ids.question = asked.data.question.id;

    const guestId = async () => (await createGuest(testApp, 'Sasaran')).id;
    await perCaller('roleTarget', async () => (await createAccount(testApp, 'citizen', 'Sasaran peran')).id);
    await perCaller('muteTarget', guestId);
    await perCaller('mutedGuest', async () => {
      const id = await guestId();
      await created(as(moderator2).put(`/live-sessions/${live.id}/mutes/${id}`, { reason: 'Mengganggu' }), 'mute');
      return id;
    });
    await perCaller('suspendTarget', guestId);
    await perCaller('suspendedGuest', async () => {
      const id = await guestId();
      await created(as(moderator2).put(`/users/${id}/suspension`, { reason: 'Spam' }), 'suspend');
      return id;
    });
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp?.close();
  });

  /** The request a row makes for a caller (defaults: random UUIDs in the path, `{}` for a write). */
  function requestFor(row: HttpRow, caller: Caller): Request & { token?: string } {
    const [method, template] = row.route.split(' ');
    const spec = row.request?.(fixtures, caller) ?? {};
    const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(spec.params?.[name] ?? randomUUID()));
    const account = caller === 'anonymous' ? undefined : spec.doomed ? doomed[caller] : spec.spare ? spares[caller] : callers[caller];
    return {
      method,
      path: `${path}${spec.query ? `?${spec.query}` : ''}`,
      body: spec.body ?? (method === 'GET' ? undefined : {}),
      token: account?.token,
    };
  }

  async function call(row: HttpRow, caller: Caller, accounts?: Record<Signed, TestAccount>): Promise<{ status: number; body: string }> {
    const request = requestFor(row, caller);
    if (accounts && caller !== 'anonymous') request.token = accounts[caller].token;
    const response = await fetch(`${testApp.url}${request.path}`, {
      method: request.method,
      headers: {
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    return { status: response.status, body: text };
  }

  it('has a row for every route of the running app (OpenAPI document and Nest router) and every /live client event', async () => {
    const document = (await (await fetch(`${testApp.url}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routes = [...new Set([...documented, ...nestRoutes])].sort();
    expect(nestRoutes.size).toBeGreaterThan(40);
    const rows = new Set(HTTP_MATRIX.map((row) => row.route));
    const missing = routes.filter((route) => !rows.has(route));
    const suggestions: string[] = [];
    // Probed with accounts of their own: an unknown route may end its caller's sessions (like POST /auth/logout).
    const probes = {} as Record<Signed, TestAccount>;
    if (missing.length > 0) {
      probes.guest = await createGuest(testApp, 'Penguji');
      for (const role of ['citizen', 'moderator', 'official', 'admin'] as const) probes[role] = await createAccount(testApp, role);
    }
    for (const route of missing) {
      const row: HttpRow = { route, expect: {} as Record<Caller, number> };
      const observed = {} as Record<Caller, number>;
      for (const caller of CALLERS) observed[caller] = (await call(row, caller, probes)).status;
      suggestions.push(suggestRow(route, observed));
    }
    if (suggestions.length > 0) {
      throw new Error(
        `Routes without a row in test/e2e/authorization-matrix.ts. Add these rows to HTTP_MATRIX (the answers are what the app ` +
          `gave with random ids and an empty body: check each, give it params/body to reach its 2xx, then update the doc):\n` +
          suggestions.join('\n'),
      );
    }
    const stale = [...rows].filter((route) => !routes.includes(route));
    expect({ rowsForRoutesThatAreGone: stale }).toEqual({ rowsForRoutesThatAreGone: [] });
    expect(new Set(EVENT_MATRIX.map((row) => row.event))).toEqual(new Set(CLIENT_EVENTS));
    expect(HTTP_MATRIX.length).toBe(rows.size);
  });

  it('answers every route as the matrix says, for every caller, never a 5xx', async () => {
    const wrong: string[] = [];
    for (const row of HTTP_MATRIX) {
      const observed = {} as Record<Caller, number>;
      const bodies: string[] = [];
      for (const caller of CALLERS) {
        const response = await call(row, caller);
        observed[caller] = response.status;
        if (response.status !== row.expect[caller]) bodies.push(`    ${caller}: ${response.status} ${response.body.slice(0, 200)}`);
      }
      if (bodies.length > 0) wrong.push(`${suggestRow(row.route, observed)}\n${bodies.join('\n')}`);
    }
    if (wrong.length > 0)
      throw new Error(`Answers that differ from the matrix (observed rows, then the differing bodies):\n${wrong.join('\n')}`);
  }, 60_000);

  it('answers every route with unknown ids and an empty body below 500, for every caller', async () => {
    const failures: string[] = [];
    for (const row of HTTP_MATRIX) {
      const unknown: HttpRow = { route: row.route, expect: row.expect };
      for (const caller of CALLERS) {
        // Spare accounts: a route like POST /auth/logout ends its caller's sessions.
        const response = await call(unknown, caller, spares);
        if (response.status >= 500) failures.push(`${caller} ${row.route}: ${response.status} ${response.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('acks every /live client event as the matrix says, for every caller; an anonymous client is refused at the handshake', async () => {
    const refused = await connectLive(testApp, undefined).then(
      (socket) => {
        socket.close();
        return 'connected';
      },
      (error: Error) => error.message,
    );
    const observedAnonymous: AckOutcome = refused === 'unauthorized' ? 'unauthorized' : 'ok';
    const wrong: string[] = [];
    const connected = {} as Record<Signed, LiveClient>;
    for (const caller of SIGNED) {
      connected[caller] = await connectLive(testApp, callers[caller].token);
      sockets.push(connected[caller]);
    }
    for (const row of EVENT_MATRIX) {
      const observed = { anonymous: observedAnonymous } as Record<Caller, AckOutcome | string>;
      for (const caller of SIGNED) {
        const ack = await emitAck(connected[caller], row.event, row.payload(fixtures, caller));
        observed[caller] = ack.ok ? 'ok' : (ack.error?.code ?? JSON.stringify(ack));
      }
      if (CALLERS.some((caller) => observed[caller] !== row.expect[caller])) {
        wrong.push(`  event('${row.event}', '${CALLERS.map((caller) => observed[caller]).join(' ')}', ...)`);
      }
    }
    if (wrong.length > 0) throw new Error(`Acks that differ from the matrix (observed):\n${wrong.join('\n')}`);
  }, 60_000);

  describe("someone else's objects (broken object level authorisation), checked in the data afterwards", () => {
    const question = async (id: string) => {
      const page = await created(as(moderator2).get(`/live-sessions/${fixtures.ids.session}/questions?limit=100`), 'questions');
      return (page.items as { id: string; upvotes: number; status: string }[]).find((item) => item.id === id)!;
    };

    it("another citizen's thread and post stay as they were after every refused edit; their author may still edit them", async () => {
      const thread = await created(as(owner).get(`/threads/${fixtures.ids.thread}`), 'thread');
      expect(thread).toMatchObject({ title: 'Usulan pemilik', body: 'Isi usulan', editedAt: null });
      const posts = await created(as(owner).get(`/threads/${fixtures.ids.thread}/posts?limit=100`), 'posts');
      expect(posts.items.find((post: { id: string }) => post.id === fixtures.ids.post)).toMatchObject({ body: 'Balasan pemilik' });
      expect((await as(owner).request('PATCH', `/posts/${fixtures.ids.post}`, { body: 'Diubah pemiliknya' })).status).toBe(200);
      expect((await as(owner).request('PATCH', `/threads/${fixtures.ids.thread}`, { title: 'Diubah pemiliknya' })).status).toBe(200);
    });

    it("another person's notifications cannot be read or marked read", async () => {
      const idea = await created(as(owner).post('/threads', { title: 'Ide dengan kabar', body: 'Isi', kind: 'idea' }), 'idea');
      await created(as(official2).put(`/threads/${idea.id}/progress`, { state: 'under_review' }), 'progress');
      let theirs: { id: string; read: boolean } | undefined;
      await waitFor(async () => {
        const page = await created(as(owner).get('/me/notifications?unread=true'), 'notifications');
        theirs = page.items.find((item: { subject: { id: string } }) => item.subject.id === idea.id);
        return theirs !== undefined;
      }, "the owner's notification");
      const unreadBefore = (await created(as(owner).get('/me/notifications/unread-count'), 'count')).count;
      for (const caller of SIGNED) {
        const page = await created(as(callers[caller]).get('/me/notifications?limit=100'), 'notifications');
        expect(page.items.map((item: { id: string }) => item.id)).not.toContain(theirs!.id);
        const marked = await as(callers[caller]).post('/me/notifications/read', { ids: [theirs!.id] });
        expect({ caller, status: marked.status, updated: marked.body.updated }).toEqual({ caller, status: 200, updated: 0 });
        expect((await as(callers[caller]).get(`/me/notifications?userId=${owner.id}`)).status).toBe(400);
      }
      expect((await created(as(owner).get('/me/notifications/unread-count'), 'count')).count).toBe(unreadBefore);
    });

    it("another participant's upvote, support and ballot cannot be taken back or replaced", async () => {
      const hall = await created(
        as(moderator2).post(`/live-sessions/${fixtures.ids.session}/questions`, { text: 'Upvote pemilik', source: 'hall' }),
        'hall question',
      );
      const ownerSocket = sockets[0];
      expect((await emitAck(ownerSocket, 'question:upvote', { questionId: hall.id })).ok).toBe(true);
      await waitFor(async () => (await question(hall.id)).upvotes === 1, 'the upvote counted');
      const citizenSocket = await connectLive(testApp, callers.citizen.token);
      sockets.push(citizenSocket);
      expect(await emitAck(citizenSocket, 'question:unvote', { questionId: hall.id })).toMatchObject({
        ok: true,
        data: { upvoted: false },
      });
      expect((await question(hall.id)).upvotes).toBe(1);

      const thread = await created(as(owner).post('/threads', { title: 'Didukung pemilik', body: 'Isi', kind: 'idea' }), 'thread');
      expect((await created(as(owner).put(`/threads/${thread.id}/support`), 'support')).supports).toBe(1);
      for (const caller of ['citizen', 'moderator', 'official', 'admin'] as const) {
        expect((await created(as(callers[caller]).delete(`/threads/${thread.id}/support`), 'unsupport')).supports).toBe(1);
      }
      expect((await created(as(owner).get(`/threads/${thread.id}`), 'thread')).supports).toBe(1);

      const poll = await created(
        as(moderator2).post('/polls', { question: 'Warna?', options: ['Hijau', 'Biru'], liveSessionId: fixtures.ids.session }),
        'poll',
      );
      const [green, blue] = poll.options.map((option: { id: string }) => option.id);
      await created(as(owner).put(`/polls/${poll.id}/ballot`, { optionIds: [green] }), 'ballot');
      await created(as(callers.citizen).put(`/polls/${poll.id}/ballot`, { optionIds: [blue] }), 'ballot');
      expect((await created(as(owner).get(`/polls/${poll.id}`), 'poll')).results).toEqual({
        totalBallots: 2,
        options: [
          { id: green, votes: 1 },
          { id: blue, votes: 1 },
        ],
      });
    });

    it('a guest or citizen cannot moderate a question, over HTTP or the socket, and it stays as it was', async () => {
      const target = fixtures.ids.question;
      for (const caller of ['guest', 'citizen'] as const) {
        expect((await as(callers[caller]).post(`/live-questions/${target}/moderate`, { action: 'reject' })).status).toBe(403);
        const socket = await connectLive(testApp, callers[caller].token);
        sockets.push(socket);
        const ack = await emitAck(socket, 'question:moderate', { questionId: target, action: 'reject' });
        expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect((await question(target)).status).toBe('approved');
    });

    it('a guest cannot vote in a poll outside a live session; an item claimed by another moderator cannot be claimed', async () => {
      const poll = await created(as(moderator2).post('/polls', { question: 'Tanpa sesi?', options: ['Ya', 'Tidak'] }), 'poll');
      const refused = await as(callers.guest).put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      expect(refused.status).toBe(403);
      expect((await created(as(moderator2).get(`/polls/${poll.id}`), 'poll')).results.totalBallots).toBe(0);

      const target = await created(as(owner).post('/threads', { title: 'Diklaim', body: 'Isi', kind: 'discussion' }), 'thread');
      await created(as(reporter).post('/reports', { targetType: 'thread', targetId: target.id, reason: 'spam' }), 'report');
      const items = await created(as(moderator2).get('/moderation/items?status=pending&type=report&limit=100'), 'items');
      const item = items.items.find((entry: { target: { id: string } }) => entry.target.id === target.id);
      await created(as(moderator2).post(`/moderation/items/${item.id}/claim`), 'claim');
      expect((await as(callers.moderator).post(`/moderation/items/${item.id}/claim`)).status).toBe(409);
    });
  });

  describe("what is not public: someone else's pending input, another session's question", () => {
    it("someone else's pending question cannot be upvoted, listed, reported or moderated by its author; no merge across sessions", async () => {
      const pre = await created(as(moderator2).post('/live-sessions', { title: 'Pra-moderasi', preModeration: true }), 'session');
      await created(as(moderator2).post(`/live-sessions/${pre.id}/start`), 'start');
      const ownerSocket = await connectLive(testApp, owner.token);
      sockets.push(ownerSocket);
      await emitAck(ownerSocket, 'session:join', { sessionId: pre.id });
      const asked = await emitAck(ownerSocket, 'question:ask', { sessionId: pre.id, text: 'Menunggu', clientRequestId: fixtures.unique() });
      expect(asked.data.question.status).toBe('pending');
      const pending = asked.data.question.id as string;
      for (const caller of SIGNED) {
        const socket = await connectLive(testApp, callers[caller].token);
        sockets.push(socket);
        expect(await emitAck(socket, 'question:upvote', { questionId: pending })).toMatchObject({
          ok: false,
          error: { code: 'not_found' },
        });
        const joined = await emitAck(socket, 'session:join', { sessionId: pre.id });
        expect(joined.data.questions.map((question: { id: string }) => question.id)).not.toContain(pending);
        const report = await as(callers[caller]).post('/reports', { targetType: 'question', targetId: pending, reason: 'spam' });
        expect(report.status).toBe(404);
        const list = await as(callers[caller]).get(`/live-sessions/${pre.id}/questions?status=pending`);
        expect(list.status).toBe(caller === 'guest' || caller === 'citizen' ? 403 : 200);
        socket.close();
      }
      expect((await api.get(`/live-sessions/${pre.id}/questions?status=pending`)).status).toBe(403);
      expect(await emitAck(ownerSocket, 'question:moderate', { questionId: pending, action: 'approve' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      const moderatorSocket = await connectLive(testApp, callers.moderator.token);
      sockets.push(moderatorSocket);
      const merge = await emitAck(moderatorSocket, 'question:moderate', {
        questionId: fixtures.mine.question.anonymous,
        action: 'merge',
        intoQuestionId: pending,
      });
      expect(merge).toMatchObject({ ok: false, error: { code: 'validation' } });
      const page = await created(as(moderator2).get(`/live-sessions/${pre.id}/questions?status=pending`), 'questions');
      expect(page.items).toEqual([expect.objectContaining({ id: pending, status: 'pending', upvotes: 0 })]);
    });

    it("someone else's pending thread: not readable (404) by those who may not read it, input refused (409 thread_not_visible), nothing stored", async () => {
      const thread = await created(
        as(owner).post('/threads', { title: 'Dasar bajingan', body: 'bajingan semua', kind: 'discussion' }),
        'thread',
      );
      expect(thread.status).toBe('pending');
      const answers = async (account?: TestAccount) => [
        (await as(account).get(`/threads/${thread.id}`)).status,
        (await as(account).get(`/threads/${thread.id}/posts`)).status,
        (await as(account).post(`/threads/${thread.id}/posts`, { body: 'Balasan' })).status,
        (await as(account).put(`/threads/${thread.id}/support`)).status,
        (await as(account).delete(`/threads/${thread.id}/support`)).status,
      ];
      expect(await answers(undefined)).toEqual([404, 404, 401, 401, 401]);
      expect(await answers(callers.guest)).toEqual([404, 404, 403, 403, 403]);
      // The 409 tells a citizen who has the id that the thread exists (forum.e2e-spec keeps it: the page open when it is hidden).
      expect(await answers(callers.citizen)).toEqual([404, 404, 409, 409, 409]);
      for (const caller of ['moderator', 'official', 'admin'] as const)
        expect(await answers(callers[caller])).toEqual([200, 200, 409, 409, 409]);
      expect(await answers(owner)).toEqual([200, 200, 409, 409, 409]);
      for (const caller of SIGNED) {
        expect((await as(callers[caller]).post('/reports', { targetType: 'thread', targetId: thread.id, reason: 'spam' })).status).toBe(
          404,
        );
      }
      expect(await created(as(moderator2).get(`/threads/${thread.id}`), 'thread')).toMatchObject({
        status: 'pending',
        supports: 0,
        postCount: 0,
      });
    });
  });

  describe('mass assignment: role, status, author, counters, isAdmin and id in a body are refused and change nothing', () => {
    it('refuses each such field with a 400 naming it', async () => {
      const own = await created(as(callers.citizen).post('/threads', { title: 'Milik sendiri', body: 'Isi', kind: 'idea' }), 'thread');
      const ownPost = await created(as(callers.citizen).post(`/threads/${own.id}/posts`, { body: 'Balasan sendiri' }), 'post');
      const email = `${fixtures.unique()}@test.balai`;
      const register = { email, password: 'correct-horse-battery', displayName: 'Nakal' };
      const session = fixtures.ids.session;
      const cases: [TestAccount | undefined, string, string, Record<string, unknown>, string][] = [
        [undefined, 'POST', '/auth/register', { ...register, role: 'admin' }, 'role'],
        [undefined, 'POST', '/auth/register', { ...register, isAdmin: true }, 'isAdmin'],
        [undefined, 'POST', '/auth/guest', { displayName: 'Tamu', role: 'admin' }, 'role'],
        [callers.citizen, 'PUT', '/me/preferences', { emailNotifications: true, locale: 'id', role: 'admin' }, 'role'],
        [callers.citizen, 'PUT', '/me/preferences', { emailNotifications: true, locale: 'id', isAdmin: true }, 'isAdmin'],
        [callers.admin, 'PUT', `/users/${owner.id}/role`, { role: 'citizen', isAdmin: true }, 'isAdmin'],
        [callers.citizen, 'POST', '/threads', { title: 'Nakal', body: 'Isi', kind: 'idea', status: 'visible' }, 'status'],
        [callers.citizen, 'POST', '/threads', { title: 'Nakal', body: 'Isi', kind: 'idea', authorId: owner.id }, 'authorId'],
        [callers.citizen, 'POST', '/threads', { title: 'Nakal', body: 'Isi', kind: 'idea', supports: 999 }, 'supports'],
        [callers.citizen, 'POST', '/threads', { title: 'Nakal', body: 'Isi', kind: 'idea', id: randomUUID() }, 'id'],
        [callers.citizen, 'PATCH', `/threads/${own.id}`, { title: 'Nakal', status: 'visible' }, 'status'],
        [callers.citizen, 'PATCH', `/threads/${own.id}`, { title: 'Nakal', authorId: owner.id }, 'authorId'],
        [callers.citizen, 'PATCH', `/threads/${own.id}`, { title: 'Nakal', postCount: 50 }, 'postCount'],
        [callers.citizen, 'POST', `/threads/${own.id}/posts`, { body: 'Nakal', official: true }, 'official'],
        [callers.citizen, 'POST', `/threads/${own.id}/posts`, { body: 'Nakal', authorId: owner.id }, 'authorId'],
        [callers.citizen, 'PATCH', `/posts/${ownPost.id}`, { body: 'Nakal', status: 'visible' }, 'status'],
        [callers.moderator, 'POST', '/polls', { question: 'Nakal?', options: ['A', 'B'], status: 'closed' }, 'status'],
        [callers.moderator, 'POST', '/polls', { question: 'Nakal?', options: ['A', 'B'], id: randomUUID() }, 'id'],
        [
          callers.citizen,
          'PUT',
          `/polls/${fixtures.ids.poll}/ballot`,
          { optionIds: [fixtures.ids.pollOption], userId: owner.id },
          'userId',
        ],
        [callers.moderator, 'POST', '/live-sessions', { title: 'Nakal', status: 'live' }, 'status'],
        [callers.moderator, 'POST', '/live-sessions', { title: 'Nakal', code: 'AAAAAA' }, 'code'],
        [callers.official, 'POST', '/consultations', { title: 'Nakal', description: 'Isi', status: 'decided' }, 'status'],
        [
          callers.citizen,
          'POST',
          '/reports',
          { targetType: 'thread', targetId: own.id, reason: 'spam', reporterId: owner.id },
          'reporterId',
        ],
        [callers.moderator, 'POST', `/live-sessions/${session}/questions`, { text: 'Nakal', source: 'hall', upvotes: 50 }, 'upvotes'],
      ];
      const wrong: string[] = [];
      for (const [account, method, path, body, field] of cases) {
        const response = await as(account).request(method, path, body);
        const fields = (response.body?.errors ?? []).map((error: { field: string }) => error.field);
        if (response.status !== 400 || !fields.includes(field)) {
          wrong.push(`${method} ${path} with ${field}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
      expect(wrong).toEqual([]);

      // Afterwards: nothing was made or changed.
      expect((await api.post('/auth/login', { email, password: 'correct-horse-battery' })).status).toBe(401);
      expect((await created(as(callers.citizen).get('/me'), 'me')).role).toBe('citizen');
      expect((await created(as(owner).get('/me'), 'me')).role).toBe('citizen');
      expect(await created(as(callers.citizen).get(`/threads/${own.id}`), 'thread')).toMatchObject({
        title: 'Milik sendiri',
        author: { id: callers.citizen.id },
        supports: 0,
        postCount: 1,
        editedAt: null,
      });
      const made = await testApp.database!.query<{ n: number }>(
        "select (select count(*) from forum_threads where title = 'Nakal') + (select count(*) from live_sessions where title = 'Nakal') + (select count(*) from consultations where title = 'Nakal') as n",
      );
      expect(Number(made[0].n)).toBe(0);
    });

    it('refuses counters, status, author and id in a socket question or upvote (`validation`), and stores nothing', async () => {
      const socket = await connectLive(testApp, callers.guest.token);
      sockets.push(socket);
      await emitAck(socket, 'session:join', { sessionId: fixtures.ids.session });
      const ask = { sessionId: fixtures.ids.session, text: 'Pertanyaan nakal', clientRequestId: fixtures.unique() };
      const extras: Record<string, unknown>[] = [
        { upvotes: 500 },
        { status: 'answered' },
        { authorId: owner.id },
        { id: randomUUID() },
        { onScreen: true },
        { role: 'moderator' },
      ];
      for (const extra of extras) {
        expect(await emitAck(socket, 'question:ask', { ...ask, ...extra })).toMatchObject({ ok: false, error: { code: 'validation' } });
      }
      const upvote = await emitAck(socket, 'question:upvote', { questionId: fixtures.ids.question, count: 100 });
      expect(upvote).toMatchObject({ ok: false, error: { code: 'validation' } });
      const stored = await testApp.database!.query<{ n: number }>(
        "select count(*)::int as n from live_questions where text = 'Pertanyaan nakal'",
      );
      expect(stored[0].n).toBe(0);
    });
  });

  describe('sanctions respect rank', () => {
    it('a moderator cannot mute, unmute, suspend or lift the suspension of a moderator, official or admin; an admin may sanction an official', async () => {
      const session = fixtures.ids.session;
      const mute = (by: TestAccount, userId: string) => as(by).put(`/live-sessions/${session}/mutes/${userId}`, { reason: 'Uji' });
      const unmute = (by: TestAccount, userId: string) => as(by).request('DELETE', `/live-sessions/${session}/mutes/${userId}`, {});
      const official = await createAccount(testApp, 'official', 'Pejabat disanksi');
      for (const target of [spares.moderator, official, callers.admin]) {
        const refused = await mute(callers.moderator, target.id);
        expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'rank_required' });
      }
      expect((await mute(callers.admin, official.id)).status).toBe(200);
      expect((await unmute(callers.moderator, official.id)).body.code).toBe('rank_required');
      expect((await unmute(callers.admin, official.id)).status).toBe(204);

      const suspended = await as(callers.admin).put(`/users/${official.id}/suspension`, { reason: 'Uji' });
      expect(suspended.status).toBe(200);
      const lift = (by: TestAccount) => as(by).request('DELETE', `/users/${official.id}/suspension`, {});
      const refused = await lift(callers.moderator);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'rank_required' });
      expect((await lift(callers.admin)).status).toBe(204);
      expect((await as(callers.moderator).put(`/users/${callers.admin.id}/suspension`, { reason: 'Uji' })).body.code).toBe('rank_required');
      // A sanction on nobody is a 404, not a row about a user who does not exist.
      expect((await mute(callers.moderator, randomUUID())).status).toBe(404);
    });
  });

  it('docs/RELIABILITY.md\'s "## Who may call what" equals what the matrix generates', () => {
    const doc = readFileSync(join(__dirname, '../../docs/RELIABILITY.md'), 'utf8');
    const start = doc.indexOf('## Who may call what');
    const next = start < 0 ? -1 : doc.indexOf('\n## ', start + 1);
    const section = start < 0 ? '' : doc.slice(start, next < 0 ? undefined : next);
    const expected = renderWhoMayCallWhat();
    if (section !== expected) {
      throw new Error(`docs/RELIABILITY.md's section differs from the matrix; replace it with exactly:\n\n${expected}`);
    }
  });
});
