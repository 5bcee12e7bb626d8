import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { DomainEventName } from '@balai/events';
import { PollClosedEvent, PollsService } from '@balai/polls';
import { HttpClient, TestDatabase } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { collect, connectLive, emitAck, waitFor } from './live-helpers';

/** Service calls outside HTTP need their own request context, as the live gateway gives them. */
function inContextOf<T>(testApp: TestApp, fn: (polls: PollsService) => Promise<T>): Promise<T> {
  return RequestContext.create(testApp.app.get(MikroORM).em.fork(), () => fn(testApp.app.get(PollsService)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The EventBus delivers through the app's EventEmitter2, by event name: a test listens there. */
const POLL_CLOSED: DomainEventName = 'poll.closed';

/** Every `poll.closed` the app publishes from now on, until `stop()`. */
function recordClosedEvents(testApp: TestApp): { events: PollClosedEvent[]; stop(): void } {
  const emitter = testApp.app.get(EventEmitter2);
  const events: PollClosedEvent[] = [];
  const listener = (event: PollClosedEvent) => events.push(event);
  emitter.on(POLL_CLOSED, listener);
  return { events, stop: () => emitter.off(POLL_CLOSED, listener) };
}

const FACILITIES = ['Taman bermain anak', 'Jalur jogging', 'Toilet umum', 'Area UMKM/kuliner', 'Lampu penerangan'];

describe('polls (PostgreSQL)', () => {
  let testApp: TestApp;
  let anonymous: HttpClient;
  let moderator: TestAccount;
  let official: TestAccount;
  let admin: TestAccount;
  let citizen: TestAccount;
  let citizen2: TestAccount;
  let guest: TestAccount;

  beforeAll(async () => {
    testApp = await createTestApp();
    anonymous = new HttpClient(`${testApp.url}/api/v1`);
    [moderator, official, admin, citizen, citizen2, guest] = await Promise.all([
      createAccount(testApp, 'moderator'),
      createAccount(testApp, 'official'),
      createAccount(testApp, 'admin'),
      createAccount(testApp, 'citizen', 'Sari'),
      createAccount(testApp, 'citizen', 'Budi'),
      createGuest(testApp, 'Pak Tamu'),
    ]);
  });
  afterAll(() => testApp.close());

  async function createPoll(body: Record<string, unknown> = {}) {
    const res = await moderator.http.post('/polls', { question: 'Fasilitas apa yang paling dibutuhkan?', options: FACILITIES, ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; options: { id: string; label: string }[] };
  }

  /** Direct SQL for setup and checks the API cannot express (a lapsed closing time, the ballot rows). */
  const sql = <Row>(query: string, params: unknown[] = []): Promise<Row[]> =>
    testApp.app.get(MikroORM).em.fork().getConnection().execute(query, params) as Promise<Row[]>;

  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  describe('create', () => {
    it('creates an open poll with the defaults and trimmed labels', async () => {
      const res = await moderator.http.post('/polls', {
        question: '  Fasilitas apa yang paling dibutuhkan? ',
        options: [' Toilet umum ', 'Jalur jogging'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        question: 'Fasilitas apa yang paling dibutuhkan?',
        options: [
          { id: expect.stringMatching(/^[0-9a-f-]{36}$/), label: 'Toilet umum' },
          { id: expect.stringMatching(/^[0-9a-f-]{36}$/), label: 'Jalur jogging' },
        ],
        multiple: false,
        status: 'open',
        resultsVisibility: 'live',
        consultationId: null,
        liveSessionId: null,
        closesAt: null,
        createdAt: expect.any(String),
        closedAt: null,
        results: { totalBallots: 0, options: [expect.objectContaining({ votes: 0 }), expect.objectContaining({ votes: 0 })] },
      });
      const got = await anonymous.get(`/polls/${res.body.id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('accepts multiple, after_close and a future closesAt; officials and admins may create too', async () => {
      const closesAt = new Date(Date.now() + 86_400_000).toISOString();
      for (const account of [official, admin]) {
        const res = await account.http.post('/polls', {
          question: 'Jam buka taman?',
          options: ['Pagi', 'Malam'],
          multiple: true,
          resultsVisibility: 'after_close',
          closesAt,
        });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ multiple: true, resultsVisibility: 'after_close', closesAt, status: 'open' });
        expect(res.body).not.toHaveProperty('results');
      }
    });

    it('rejects 1 or 21 options naming options', async () => {
      for (const options of [['Satu'], Array.from({ length: 21 }, (_, i) => `Pilihan ${i + 1}`)]) {
        const res = await moderator.http.post('/polls', { question: 'Berapa?', options });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['options']);
      }
      const twenty = await moderator.http.post('/polls', {
        question: 'Berapa?',
        options: Array.from({ length: 20 }, (_, i) => `Pilihan ${i + 1}`),
      });
      expect(twenty.status).toBe(201);
    });

    it('names each empty, overlong or duplicate option as options[i]', async () => {
      const res = await moderator.http.post('/polls', {
        question: 'Apa?',
        options: ['Toilet umum', '   ', ' toilet UMUM', 'x'.repeat(201)],
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(res.body)).toEqual(['options[1]', 'options[2]', 'options[3]']);
    });

    it('lists every bad field: question, options type, visibility, ids, closesAt format, unknown fields', async () => {
      const res = await moderator.http.post('/polls', {
        question: 'ab',
        options: ['Satu', 2],
        multiple: 'ya',
        resultsVisibility: 'never',
        consultationId: 'not-a-uuid',
        liveSessionId: 42,
        closesAt: 'besok',
        owner: 'me',
      });
      expect(res.status).toBe(400);
      expect(new Set(fieldsOf(res.body))).toEqual(
        new Set(['question', 'options', 'multiple', 'resultsVisibility', 'consultationId', 'liveSessionId', 'closesAt', 'owner']),
      );
      expect((await moderator.http.post('/polls', { question: 'Apa?', options: 'a,b' })).status).toBe(400);
    });

    it('rejects a closesAt in the past', async () => {
      const res = await moderator.http.post('/polls', {
        question: 'Apa?',
        options: ['A', 'B'],
        closesAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['closesAt']);
    });

    it('refuses citizens and guests (403) and anonymous callers (401)', async () => {
      const body = { question: 'Apa?', options: ['A', 'B'] };
      expect((await citizen.http.post('/polls', body)).status).toBe(403);
      expect((await guest.http.post('/polls', body)).status).toBe(403);
      expect((await anonymous.post('/polls', body)).status).toBe(401);
    });

    it('answers an unknown consultation with 404', async () => {
      const res = await moderator.http.post('/polls', { question: 'Apa?', options: ['A', 'B'], consultationId: randomUUID() });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('consultation_not_found');
    });
  });

  describe('get', () => {
    it('answers a non-UUID id with 400 and an unknown poll with 404', async () => {
      const bad = await anonymous.get('/polls/123');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
      const unknown = await anonymous.get(`/polls/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('poll_not_found');
    });
  });

  describe('ballots', () => {
    it('counts one ballot per participant; a new ballot replaces the old one', async () => {
      const poll = await createPoll();
      const [a, b] = poll.options;
      const first = await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [a.id] });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ ballot: { optionIds: [a.id] } });
      const replaced = await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [b.id] });
      expect(replaced.body).toEqual({ ballot: { optionIds: [b.id] } });
      expect((await citizen2.http.put(`/polls/${poll.id}/ballot`, { optionIds: [b.id] })).status).toBe(200);

      const mine = await citizen.http.get(`/polls/${poll.id}`);
      expect(mine.body.myBallot).toEqual({ optionIds: [b.id] });
      expect(mine.body.results.totalBallots).toBe(2);
      expect(mine.body.results.options).toEqual(poll.options.map((o) => ({ id: o.id, votes: o.id === b.id ? 2 : 0 })));
      const anon = await anonymous.get(`/polls/${poll.id}`);
      expect(anon.body).not.toHaveProperty('myBallot');
      expect(anon.body.results).toEqual(mine.body.results);
    });

    it('takes several options on a multiple-choice poll, in option order', async () => {
      const poll = await createPoll({ multiple: true });
      const [a, , c, d] = poll.options;
      const res = await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [d.id, a.id] });
      expect(res.body).toEqual({ ballot: { optionIds: [a.id, d.id] } });
      await citizen2.http.put(`/polls/${poll.id}/ballot`, { optionIds: [a.id, c.id] });
      await citizen2.http.put(`/polls/${poll.id}/ballot`, { optionIds: [c.id] });
      const got = await anonymous.get(`/polls/${poll.id}`);
      expect(got.body.results.totalBallots).toBe(2);
      expect(Object.fromEntries(got.body.results.options.map((o: { id: string; votes: number }) => [o.id, o.votes]))).toEqual(
        Object.fromEntries(poll.options.map((o) => [o.id, o.id === a.id || o.id === c.id || o.id === d.id ? 1 : 0])),
      );
    });

    it('rejects unknown, repeated, missing and malformed option ids, and two options on a single-choice poll (400)', async () => {
      const poll = await createPoll();
      const other = await createPoll();
      const [a, b] = poll.options;
      const cases: [unknown, string[]][] = [
        [{ optionIds: [randomUUID()] }, ['optionIds[0]']],
        [{ optionIds: [other.options[0].id] }, ['optionIds[0]']],
        [{ optionIds: [] }, ['optionIds']],
        [{ optionIds: [a.id, a.id] }, ['optionIds[1]', 'optionIds']],
        [{ optionIds: [a.id, b.id] }, ['optionIds']],
        [{ optionIds: ['nope'] }, ['optionIds']],
        [{ optionIds: a.id }, ['optionIds']],
        [{}, ['optionIds']],
      ];
      for (const [body, fields] of cases) {
        const res = await citizen.http.put(`/polls/${poll.id}/ballot`, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(new Set(fieldsOf(res.body))).toEqual(new Set(fields));
      }
      const got = await moderator.http.get(`/polls/${poll.id}`);
      expect(got.body.results.totalBallots).toBe(0);
    });

    it('answers a non-UUID poll id with 400, an unknown poll with 404, no token with 401', async () => {
      expect((await citizen.http.put('/polls/abc/ballot', { optionIds: [randomUUID()] })).status).toBe(400);
      const unknown = await citizen.http.put(`/polls/${randomUUID()}/ballot`, { optionIds: [randomUUID()] });
      expect(unknown.status).toBe(404);
      const poll = await createPoll();
      expect((await anonymous.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] })).status).toBe(401);
    });

    it('lets guests vote only in polls of a live session (403 otherwise)', async () => {
      const poll = await createPoll();
      const res = await guest.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('guest_not_allowed');
    });

    it('keeps exactly one ballot for 30 parallel ballots from one participant, counted once', async () => {
      const poll = await createPoll({ multiple: true });
      // A fresh participant: these 30 writes are all theirs.
      const voter = await createAccount(testApp, 'citizen', 'Dewi');
      const choices = Array.from({ length: 30 }, (_, i) => poll.options.filter((_, j) => (i >> j) & 1 || j === i % 5).map((o) => o.id));
      const responses = await Promise.all(choices.map((optionIds) => voter.http.put(`/polls/${poll.id}/ballot`, { optionIds })));
      expect(responses.map((r) => r.status)).toEqual(choices.map(() => 200));

      const rows = await sql<{ n: string }>('select count(*) as n from poll_ballots where poll_id = ?', [poll.id]);
      expect(Number(rows[0].n)).toBe(1);
      const got = await voter.http.get(`/polls/${poll.id}`);
      const final: string[] = got.body.myBallot.optionIds;
      expect(choices.map((c) => [...c].sort().join())).toContain([...final].sort().join());
      expect(got.body.results.totalBallots).toBe(1);
      expect(got.body.results.options).toEqual(poll.options.map((o) => ({ id: o.id, votes: final.includes(o.id) ? 1 : 0 })));
    });
  });

  describe('close', () => {
    it('closes with the final results; a second close is 409; ballots afterwards are 409 poll_closed', async () => {
      const poll = await createPoll();
      await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[2].id] });
      const closed = await moderator.http.post(`/polls/${poll.id}/close`);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        id: poll.id,
        status: 'closed',
        closedAt: expect.any(String),
        results: { totalBallots: 1, options: poll.options.map((o, i) => ({ id: o.id, votes: i === 2 ? 1 : 0 })) },
      });
      const again = await moderator.http.post(`/polls/${poll.id}/close`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('poll_closed');
      const late = await citizen2.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('poll_closed');
      const changed = await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      expect(changed.status).toBe(409);
      expect((await anonymous.get(`/polls/${poll.id}`)).body.results).toEqual(closed.body.results);
    });

    it('refuses a citizen (403), a non-UUID id (400) and an unknown poll (404)', async () => {
      const poll = await createPoll();
      expect((await citizen.http.post(`/polls/${poll.id}/close`)).status).toBe(403);
      expect((await moderator.http.post('/polls/xyz/close')).status).toBe(400);
      expect((await moderator.http.post(`/polls/${randomUUID()}/close`)).status).toBe(404);
    });

    it('takes no ballots once closesAt has passed (409) and shows the poll closed', async () => {
      const poll = await createPoll({ closesAt: new Date(Date.now() + 3_600_000).toISOString() });
      await sql(`update polls set closes_at = now() - interval '1 minute' where id = ?`, [poll.id]);
      const res = await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('poll_closed');
      expect((await anonymous.get(`/polls/${poll.id}`)).body.status).toBe('closed');
    });
  });

  describe('results visibility after_close', () => {
    it('hides results from the public, citizens and guests until close; moderators, officials and admins always see them', async () => {
      const poll = await createPoll({ resultsVisibility: 'after_close' });
      await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[1].id] });
      const expected = { totalBallots: 1, options: poll.options.map((o, i) => ({ id: o.id, votes: i === 1 ? 1 : 0 })) };

      for (const http of [anonymous, citizen.http, citizen2.http, guest.http]) {
        const res = await http.get(`/polls/${poll.id}`);
        expect(res.status).toBe(200);
        expect(res.body).not.toHaveProperty('results');
      }
      expect((await citizen.http.get(`/polls/${poll.id}`)).body.myBallot).toEqual({ optionIds: [poll.options[1].id] });
      for (const account of [moderator, official, admin]) {
        expect((await account.http.get(`/polls/${poll.id}`)).body.results).toEqual(expected);
      }

      expect((await official.http.post(`/polls/${poll.id}/close`)).status).toBe(200);
      for (const http of [anonymous, citizen.http, guest.http, moderator.http]) {
        expect((await http.get(`/polls/${poll.id}`)).body.results).toEqual(expected);
      }
    });
  });

  describe('in a consultation', () => {
    it('counts the polls and their voters; once the consultation closes, its polls count as closed and take no input (409)', async () => {
      const consultation = await official.http.post('/consultations', { title: 'Desain Taman Kota Cempaka', description: 'Taman' });
      expect(consultation.status).toBe(201);
      const consultationId: string = consultation.body.id;
      const poll = await createPoll({ consultationId });
      const hidden = await createPoll({ consultationId, resultsVisibility: 'after_close' });
      expect(poll).toMatchObject({ consultationId });
      await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      await citizen2.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[1].id] });
      await citizen2.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      await citizen.http.put(`/polls/${hidden.id}/ballot`, { optionIds: [hidden.options[4].id] });
      const counts = (await anonymous.get(`/consultations/${consultationId}`)).body.counts;
      expect(counts).toMatchObject({ polls: 2, participants: 2 });
      expect((await anonymous.get(`/polls/${hidden.id}`)).body).not.toHaveProperty('results');

      // Closed for input by the consultation's status (the consultations room owns the close itself).
      await sql(`update consultations set status = 'closed' where id = ?`, [consultationId]);
      const vote = await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[1].id] });
      expect(vote.status).toBe(409);
      expect(vote.body.code).toBe('consultation_not_open');
      const create = await moderator.http.post('/polls', { question: 'Lagi?', options: ['A', 'B'], consultationId });
      expect(create.status).toBe(409);
      const after = await anonymous.get(`/polls/${hidden.id}`);
      expect(after.body).toMatchObject({ status: 'closed', closedAt: null });
      expect(after.body.results).toEqual({
        totalBallots: 1,
        options: hidden.options.map((o, i) => ({ id: o.id, votes: i === 4 ? 1 : 0 })),
      });
      expect((await anonymous.get(`/polls/${poll.id}`)).body.results.options[0].votes).toBe(2);
      const summary = await inContextOf(testApp, (polls) => polls.resultsOfConsultation(consultationId));
      expect(summary.map((p) => [p.pollId, p.status, p.totalBallots])).toEqual([
        [poll.id, 'closed', 2],
        [hidden.id, 'closed', 1],
      ]);
      expect(summary[0].options[0]).toEqual({ id: poll.options[0].id, label: FACILITIES[0], votes: 2 });
    });
  });

  describe('in a live session', () => {
    async function liveSession(): Promise<string> {
      const session = await moderator.http.post('/live-sessions', { title: 'Rapat warga Taman Kota Cempaka' });
      expect(session.status).toBe(201);
      expect((await moderator.http.post(`/live-sessions/${session.body.id}/start`)).status).toBe(200);
      return session.body.id;
    }

    const inContext = <T>(fn: (polls: PollsService) => Promise<T>): Promise<T> => inContextOf(testApp, fn);

    it('lets guests vote; lists the open polls of the session with results when visible', async () => {
      const sessionId = await liveSession();
      const open = await createPoll({ liveSessionId: sessionId });
      const hidden = await createPoll({ liveSessionId: sessionId, resultsVisibility: 'after_close' });
      const done = await createPoll({ liveSessionId: sessionId });
      expect(open).toMatchObject({ liveSessionId: sessionId, status: 'open' });
      await moderator.http.post(`/polls/${done.id}/close`);

      const vote = await guest.http.put(`/polls/${open.id}/ballot`, { optionIds: [open.options[3].id] });
      expect(vote.status).toBe(200);
      expect(vote.body).toEqual({ ballot: { optionIds: [open.options[3].id] } });
      await guest.http.put(`/polls/${hidden.id}/ballot`, { optionIds: [hidden.options[0].id] });

      const asGuest = await inContext((polls) =>
        polls.openPollsOfSession(sessionId, { id: guest.id, role: 'guest', displayName: 'Pak Tamu' }),
      );
      expect(asGuest.map((poll) => poll.id)).toEqual([open.id, hidden.id]);
      expect(asGuest[0].results?.totalBallots).toBe(1);
      expect(asGuest[0].myBallot).toEqual({ optionIds: [open.options[3].id] });
      expect(asGuest[1]).not.toHaveProperty('results');
      expect(asGuest[1].myBallot).toEqual({ optionIds: [hidden.options[0].id] });
      const asModerator = await inContext((polls) =>
        polls.openPollsOfSession(sessionId, { id: moderator.id, role: 'moderator', displayName: 'M' }),
      );
      expect(asModerator[1].results?.totalBallots).toBe(1);

      expect(await inContext((polls) => polls.results(open.id))).toEqual({
        pollId: open.id,
        totalBallots: 1,
        options: open.options.map((o, i) => ({ id: o.id, votes: i === 3 ? 1 : 0 })),
      });
      expect(await inContext((polls) => polls.ballotsOf(open.id, guest.id))).toEqual({ optionIds: [open.options[3].id] });
      expect(await inContext((polls) => polls.ballotsOf(open.id, citizen.id))).toBeNull();
    });

    it('rejects a malformed option list from callers that skip the DTO (Socket.IO) as a validation error', async () => {
      const poll = await createPoll();
      const voter = { id: citizen.id, role: 'citizen' as const, displayName: 'Sari' };
      for (const optionIds of ['x', [1], null]) {
        await expect(inContext((polls) => polls.vote(poll.id, voter, optionIds as never))).rejects.toMatchObject({
          kind: 'validation',
          fieldErrors: [{ field: 'optionIds', message: expect.any(String) }],
        });
      }
    });

    it('answers an unknown session with 404 and refuses ballots and new polls once the session ended (409 session_ended)', async () => {
      const unknown = await moderator.http.post('/polls', { question: 'Apa?', options: ['A', 'B'], liveSessionId: randomUUID() });
      expect(unknown.status).toBe(404);

      const sessionId = await liveSession();
      const poll = await createPoll({ liveSessionId: sessionId });
      expect((await moderator.http.post(`/live-sessions/${sessionId}/end`)).status).toBe(200);
      const vote = await guest.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
      expect(vote.status).toBe(409);
      expect(vote.body.code).toBe('session_ended');
      const create = await moderator.http.post('/polls', { question: 'Apa?', options: ['A', 'B'], liveSessionId: sessionId });
      expect(create.status).toBe(409);
      expect(create.body.code).toBe('session_ended');
    });
  });

  describe('list by consultation', () => {
    type PollPage = { items: { id: string; status: string }[]; nextCursor: string | null };

    async function newConsultation(title = 'Desain Taman Kota Cempaka'): Promise<string> {
      const res = await official.http.post('/consultations', { title, description: 'Taman' });
      expect(res.status).toBe(201);
      return res.body.id;
    }

    /** Every page of `GET /polls?…` as `http` sees it, `limit` at a time. */
    async function allPages(http: HttpClient, query: string, limit = 20): Promise<{ pages: PollPage[]; items: any[] }> {
      const pages: PollPage[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: PollPage } = await http.get(
          `/polls?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status).toBe(200);
        pages.push(res.body);
        cursor = res.body.nextCursor;
      } while (cursor);
      return { pages, items: pages.flatMap((page) => page.items) };
    }

    it('lists its polls newest first, those of its live sessions too, each as GET /polls/:id shows it to the caller', async () => {
      const consultationId = await newConsultation();
      const otherConsultationId = await newConsultation('Jalur sepeda Jalan Merdeka');
      const session = await moderator.http.post('/live-sessions', { title: 'Rapat warga Taman Kota Cempaka', consultationId });
      expect(session.status).toBe(201);
      expect((await moderator.http.post(`/live-sessions/${session.body.id}/start`)).status).toBe(200);

      const live = await createPoll({ consultationId });
      const hidden = await createPoll({ consultationId, resultsVisibility: 'after_close', multiple: true });
      const closed = await createPoll({ consultationId });
      expect((await moderator.http.post(`/polls/${closed.id}/close`)).status).toBe(200);
      const inSession = await createPoll({ consultationId, liveSessionId: session.body.id });
      // Not this consultation's: another one's, a standalone poll, a poll of the session outside the consultation.
      await createPoll({ consultationId: otherConsultationId });
      await createPoll();
      await createPoll({ liveSessionId: session.body.id });
      await citizen.http.put(`/polls/${live.id}/ballot`, { optionIds: [live.options[0].id] });
      await citizen.http.put(`/polls/${hidden.id}/ballot`, { optionIds: [hidden.options[1].id, hidden.options[2].id] });

      const expectedIds = [inSession.id, closed.id, hidden.id, live.id];
      for (const http of [anonymous, citizen.http, citizen2.http, guest.http, moderator.http]) {
        const { pages, items } = await allPages(http, `consultationId=${consultationId}`, 3);
        expect(items.map((item) => item.id)).toEqual(expectedIds);
        expect(pages.map((page) => page.items.length)).toEqual([3, 1]);
        expect(pages[0].nextCursor).toEqual(expect.any(String));
        for (const item of items) expect(item).toEqual((await http.get(`/polls/${item.id}`)).body);
      }

      const asCitizen = (await allPages(citizen.http, `consultationId=${consultationId}`)).items;
      const hiddenAsCitizen = asCitizen.find((item) => item.id === hidden.id);
      expect(hiddenAsCitizen).toMatchObject({ status: 'open', myBallot: { optionIds: [hidden.options[1].id, hidden.options[2].id] } });
      expect(hiddenAsCitizen).not.toHaveProperty('results');
      expect(asCitizen.find((item) => item.id === live.id).results.totalBallots).toBe(1);
      expect(asCitizen.find((item) => item.id === inSession.id)).toMatchObject({ consultationId, liveSessionId: session.body.id });
      const asModerator = (await allPages(moderator.http, `consultationId=${consultationId}`)).items;
      expect(asModerator.find((item) => item.id === hidden.id).results.totalBallots).toBe(1);
      expect((await anonymous.get(`/polls?consultationId=${consultationId}&limit=10`)).body.nextCursor).toBeNull();
    });

    it('filters by status: past its closesAt counts as closed, and so does every poll of a closed consultation', async () => {
      const consultationId = await newConsultation();
      const open = await createPoll({ consultationId, resultsVisibility: 'after_close' });
      const lapsed = await createPoll({ consultationId, closesAt: new Date(Date.now() + 3_600_000).toISOString() });
      await sql(`update polls set closes_at = now() - interval '1 minute' where id = ?`, [lapsed.id]);
      const closed = await createPoll({ consultationId });
      await moderator.http.post(`/polls/${closed.id}/close`);
      const ids = async (status?: string) =>
        (await allPages(citizen.http, `consultationId=${consultationId}${status ? `&status=${status}` : ''}`)).items;

      expect((await ids('open')).map((item) => [item.id, item.status])).toEqual([[open.id, 'open']]);
      expect((await ids('closed')).map((item) => [item.id, item.status])).toEqual([
        [closed.id, 'closed'],
        [lapsed.id, 'closed'],
      ]);

      await sql(`update consultations set status = 'closed' where id = ?`, [consultationId]);
      expect(await ids('open')).toEqual([]);
      const all = await ids('closed');
      expect(all.map((item) => [item.id, item.status])).toEqual([
        [closed.id, 'closed'],
        [lapsed.id, 'closed'],
        [open.id, 'closed'],
      ]);
      // after_close results come out with the consultation's close, in the list as in GET /polls/:id.
      expect(all[2].results).toEqual({ totalBallots: 0, options: open.options.map((o) => ({ id: o.id, votes: 0 })) });
      expect(await ids()).toEqual(all);
    });

    it('answers a missing or malformed consultationId, a bad status, limit, cursor or unknown field with 400 naming it', async () => {
      const consultationId = await newConsultation();
      const foreignCursor = Buffer.from(JSON.stringify(['recent', 'x'])).toString('base64url');
      const notAnId = Buffer.from(JSON.stringify(['not-a-uuid'])).toString('base64url');
      const cases: [string, string[]][] = [
        ['', ['consultationId']],
        ['?status=open', ['consultationId']],
        ['?consultationId=taman', ['consultationId']],
        [`?consultationId=${consultationId}&status=ended`, ['status']],
        [`?consultationId=${consultationId}&limit=0`, ['limit']],
        [`?consultationId=${consultationId}&limit=101`, ['limit']],
        [`?consultationId=${consultationId}&cursor=%%%`, ['cursor']],
        [`?consultationId=${consultationId}&cursor=${foreignCursor}`, ['cursor']],
        [`?consultationId=${consultationId}&cursor=${notAnId}`, ['cursor']],
        [`?consultationId=${consultationId}&sort=top`, ['sort']],
        ['?consultationId=1&status=x&limit=x', ['consultationId', 'status', 'limit']],
      ];
      for (const [query, fields] of cases) {
        const res = await anonymous.get(`/polls${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(new Set(fieldsOf(res.body))).toEqual(new Set(fields));
      }
      const unknown = await anonymous.get(`/polls?consultationId=${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('consultation_not_found');
    });

    it('documents GET /polls in OpenAPI, consultationId required', async () => {
      const document = (await (await fetch(`${testApp.url}/api/docs-json`)).json()) as {
        paths: Record<string, Record<string, { parameters: { name: string; in: string; required?: boolean }[] }>>;
      };
      const parameters = document.paths['/api/v1/polls'].get.parameters;
      expect(parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'consultationId', in: 'query', required: true }),
          expect.objectContaining({ name: 'status', in: 'query', required: false }),
          expect.objectContaining({ name: 'limit', in: 'query' }),
          expect.objectContaining({ name: 'cursor', in: 'query' }),
        ]),
      );
    });
  });

  describe('closing at closesAt', () => {
    it('closes a poll by itself: poll.closed once, after_close results out, closedAt = closesAt, later ballots 409', async () => {
      const recorder = recordClosedEvents(testApp);
      try {
        const closesAt = new Date(Date.now() + 1_500).toISOString();
        const poll = await createPoll({ resultsVisibility: 'after_close', closesAt });
        expect((await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[3].id] })).status).toBe(200);
        const before = await citizen2.http.get(`/polls/${poll.id}`);
        expect(before.body).toMatchObject({ status: 'open', closedAt: null });
        expect(before.body).not.toHaveProperty('results');

        const ofPoll = () => recorder.events.filter((event) => event.pollId === poll.id);
        await waitFor(() => ofPoll().length > 0, 'poll.closed', 5_000);
        const expected = { totalBallots: 1, options: poll.options.map((o, i) => ({ id: o.id, votes: i === 3 ? 1 : 0 })) };
        expect(ofPoll()).toEqual([{ pollId: poll.id, liveSessionId: null, results: expected }]);
        // The row itself is closed, not only the view.
        const [row] = await sql<{ status: string; closed_at: Date }>('select status, closed_at from polls where id = ?', [poll.id]);
        expect({ status: row.status, closedAt: new Date(row.closed_at).toISOString() }).toEqual({ status: 'closed', closedAt: closesAt });

        const after = await citizen2.http.get(`/polls/${poll.id}`);
        expect(after.body).toMatchObject({ status: 'closed', closesAt, closedAt: closesAt, results: expected });
        const late = await citizen2.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
        expect(late.status).toBe(409);
        expect(late.body.code).toBe('poll_closed');
        const again = await moderator.http.post(`/polls/${poll.id}/close`);
        expect(again.status).toBe(409);

        // Later ticks leave it alone.
        await sleep(2_200);
        expect(ofPoll()).toHaveLength(1);
      } finally {
        recorder.stop();
      }
    });

    it('relays poll:closed to the live session when a session poll closes by itself', async () => {
      const session = await moderator.http.post('/live-sessions', { title: 'Rapat warga Taman Kota Cempaka' });
      await moderator.http.post(`/live-sessions/${session.body.id}/start`);
      const socket = await connectLive(testApp, guest.token);
      try {
        const joined = await emitAck(socket, 'session:join', { sessionId: session.body.id });
        expect(joined.ok).toBe(true);
        const relayed = collect(socket, 'poll:closed');
        const poll = await createPoll({ liveSessionId: session.body.id, closesAt: new Date(Date.now() + 1_200).toISOString() });
        await guest.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[1].id] });
        await waitFor(() => relayed.length > 0, 'poll:closed', 5_000);
        expect(relayed).toEqual([
          { pollId: poll.id, results: { totalBallots: 1, options: poll.options.map((o, i) => ({ id: o.id, votes: i === 1 ? 1 : 0 })) } },
        ]);
      } finally {
        socket.close();
      }
    });

    it('shows a lapsed poll closed before the scheduler runs, and closes it on the next pass', async () => {
      const poll = await createPoll({ closesAt: new Date(Date.now() + 3_600_000).toISOString() });
      const recorder = recordClosedEvents(testApp);
      try {
        // A closing time in the past, set directly: the row still says open until a pass.
        await sql(`update polls set closes_at = now() - interval '1 second' where id = ?`, [poll.id]);
        expect((await anonymous.get(`/polls/${poll.id}`)).body.status).toBe('closed');
        await inContextOf(testApp, (polls) => polls.closeLapsed());
        const [row] = await sql<{ status: string }>('select status from polls where id = ?', [poll.id]);
        expect(row.status).toBe('closed');
        expect(recorder.events.filter((event) => event.pollId === poll.id)).toHaveLength(1);
        await inContextOf(testApp, (polls) => polls.closeLapsed());
        expect(recorder.events.filter((event) => event.pollId === poll.id)).toHaveLength(1);
      } finally {
        recorder.stop();
      }
    });
  });

  describe('domain events', () => {
    it('emits poll.opened, poll.ballot_cast and poll.closed after each commit', async () => {
      const emitter = testApp.app.get(EventEmitter2);
      const seen: { event: string; payload: any }[] = [];
      const names: DomainEventName[] = ['poll.opened', 'poll.ballot_cast', 'poll.closed'];
      const listeners = names.map((event) => {
        const listener = (payload: unknown) => seen.push({ event, payload });
        emitter.on(event, listener);
        return () => emitter.off(event, listener);
      });
      try {
        const poll = await createPoll({ resultsVisibility: 'after_close' });
        await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] });
        await citizen.http.put(`/polls/${poll.id}/ballot`, { optionIds: [randomUUID()] });
        await moderator.http.post(`/polls/${poll.id}/close`);
        // Only this poll's events: the closing scheduler may meanwhile close earlier tests' lapsed polls.
        const ofPoll = seen.filter(({ payload }) => (payload.poll?.id ?? payload.pollId) === poll.id);
        expect(ofPoll).toEqual([
          { event: 'poll.opened', payload: { poll: expect.objectContaining({ id: poll.id, status: 'open' }), liveSessionId: null } },
          { event: 'poll.ballot_cast', payload: { pollId: poll.id, liveSessionId: null, resultsVisibility: 'after_close' } },
          {
            event: 'poll.closed',
            payload: { pollId: poll.id, liveSessionId: null, results: { totalBallots: 1, options: expect.any(Array) } },
          },
        ]);
        expect(ofPoll[0].payload.poll).not.toHaveProperty('results');
      } finally {
        listeners.forEach((off) => off());
      }
    });
  });
});

describe('polls in the demo city (PostgreSQL)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { BALAI_DEMO: 'true' } });
  });
  afterAll(() => testApp.close());

  it('seeds the park facilities poll with the citizens’ ballots and a single-choice poll hidden until close', async () => {
    const http = new HttpClient(`${testApp.url}/api/v1`);
    const rows = (await testApp.app
      .get(MikroORM)
      .em.fork()
      .getConnection()
      .execute('select id, question from polls order by created_at, id')) as { id: string; question: string }[];
    expect(rows.map((row) => row.question)).toEqual([
      'Fasilitas apa yang paling dibutuhkan di Taman Kota Cempaka?',
      'Jam buka Taman Kota Cempaka yang paling cocok untuk Anda?',
      // The decided bike-lane consultation's poll (the decisions demo step).
      'Apakah Anda setuju dengan jalur sepeda di Jalan Merdeka?',
    ]);
    const facilities = await http.get(`/polls/${rows[0].id}`);
    // In the park consultation the forum step created.
    expect(facilities.body).toMatchObject({
      multiple: true,
      status: 'open',
      resultsVisibility: 'live',
      consultationId: expect.any(String),
    });
    expect((await http.get(`/consultations/${facilities.body.consultationId}`)).body.counts).toMatchObject({ polls: 2 });
    expect(facilities.body.options.map((o: { label: string }) => o.label)).toEqual(FACILITIES);
    expect(facilities.body.results.totalBallots).toBe(4);
    const hours = await http.get(`/polls/${rows[1].id}`);
    expect(hours.body).toMatchObject({ multiple: false, resultsVisibility: 'after_close' });
    expect(hours.body).not.toHaveProperty('results');
  });
});

/** `npm start` runs on PGlite, one connection: a ballot in a live poll must not wait on a second one. */
describe('live-session ballots on embedded PGlite', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ embedded: true });
  }, 120_000);
  afterAll(() => testApp.close());

  it('takes guest ballots in a live session and refuses them once it ended', async () => {
    const moderator = await createAccount(testApp, 'moderator');
    const guest = await createGuest(testApp);
    const session = await moderator.http.post('/live-sessions', { title: 'Rapat warga' });
    await moderator.http.post(`/live-sessions/${session.body.id}/start`);
    const poll = await moderator.http.post('/polls', { question: 'Setuju?', options: ['Ya', 'Tidak'], liveSessionId: session.body.id });
    expect(poll.status).toBe(201);
    const votes = await Promise.all(
      [0, 1, 0].map((i) => guest.http.put(`/polls/${poll.body.id}/ballot`, { optionIds: [poll.body.options[i].id] })),
    );
    expect(votes.map((v) => v.status)).toEqual([200, 200, 200]);
    expect((await guest.http.get(`/polls/${poll.body.id}`)).body.results.totalBallots).toBe(1);
    await moderator.http.post(`/live-sessions/${session.body.id}/end`);
    const late = await guest.http.put(`/polls/${poll.body.id}/ballot`, { optionIds: [poll.body.options[1].id] });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('session_ended');
  });

  it('closes a poll by itself once its closesAt passes', async () => {
    const moderator = await createAccount(testApp, 'moderator');
    const recorder = recordClosedEvents(testApp);
    try {
      const closesAt = new Date(Date.now() + 1_200).toISOString();
      const poll = await moderator.http.post('/polls', { question: 'Setuju?', options: ['Ya', 'Tidak'], closesAt });
      expect(poll.status).toBe(201);
      await waitFor(() => recorder.events.some((event) => event.pollId === poll.body.id), 'poll.closed', 5_000);
      const rows = (await testApp.app
        .get(MikroORM)
        .em.fork()
        .getConnection()
        .execute('select status from polls where id = ?', [poll.body.id])) as { status: string }[];
      expect(rows).toEqual([{ status: 'closed' }]);
      expect((await moderator.http.get(`/polls/${poll.body.id}`)).body).toMatchObject({ status: 'closed', closedAt: closesAt });
    } finally {
      recorder.stop();
    }
  });
});

/** Several api processes on one database: each runs the closing scheduler. */
describe('polls closing by time with two processes on one database', () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    database = await TestDatabase.create();
    one = await createTestApp({ database });
    two = await createTestApp({ database });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('closes each lapsed poll exactly once: one poll.closed per poll across both processes', async () => {
    const moderator = await createAccount(one, 'moderator');
    const recorders = [recordClosedEvents(one), recordClosedEvents(two)];
    try {
      const closesAt = new Date(Date.now() + 3_600_000).toISOString();
      const created = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          moderator.http.post('/polls', { question: `Usulan ${i + 1}?`, options: ['Ya', 'Tidak'], closesAt }),
        ),
      );
      const ids = created.map((res) => res.body.id as string).sort();
      await database.query(`update polls set closes_at = now() - interval '1 second' where id = any($1::uuid[])`, [ids]);
      // Both schedulers run meanwhile; these passes race them and each other.
      const passes = await Promise.all([one, two, one, two].map((app) => inContextOf(app, (polls) => polls.closeLapsed())));
      const events = () => recorders.flatMap((recorder) => recorder.events).filter((event) => ids.includes(event.pollId));
      await waitFor(() => events().length >= ids.length, 'a poll.closed for every poll', 5_000);
      await sleep(1_200);
      expect(
        events()
          .map((event) => event.pollId)
          .sort(),
      ).toEqual(ids);
      expect(passes.reduce((sum, closed) => sum + closed, 0)).toBeLessThanOrEqual(ids.length);
      const rows = await database.query<{ status: string; n: string }>(
        'select status, count(*) as n from polls where id = any($1::uuid[]) group by status',
        [ids],
      );
      expect(rows).toEqual([{ status: 'closed', n: '12' }]);
    } finally {
      recorders.forEach((recorder) => recorder.stop());
    }
  });
});
