import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { xml2js } from 'xml-js';
import type { ConsultationSummary } from '@balai/contracts';
import { DecisionLogWriter } from '@balai/decisions';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, createLiveSession, emitAck, LiveClient, waitFor } from './live-helpers';

const PUBLIC_URL = 'https://balai.example.id';

/** RFC 4180 rows: quoted fields with doubled quotes, CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

const withoutTime = (summary: ConsultationSummary) => ({ ...summary, generatedAt: undefined });

/**
 * The whole chain on PostgreSQL: threads, posts, supports, a consultation poll, a live session with
 * questions, upvotes and its own poll → close (input stops everywhere) → a summary whose figures are
 * what the test created → the decision, its amendment, the feed and the exports.
 */
describe('decisions (PostgreSQL)', () => {
  let testApp: TestApp;
  let anonymous: HttpClient;
  let official: TestAccount;
  let moderator: TestAccount;
  let sari: TestAccount;
  let budi: TestAccount;
  let wayan: TestAccount;
  let guest: TestAccount;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({ env: { PUBLIC_URL } });
    anonymous = new HttpClient(`${testApp.url}/api/v1`);
    official = await createAccount(testApp, 'official', 'Ibu Walikota');
    moderator = await createAccount(testApp, 'moderator', 'Moderator');
    sari = await createAccount(testApp, 'citizen', 'Sari');
    budi = await createAccount(testApp, 'citizen', 'Budi');
    wayan = await createAccount(testApp, 'citizen', 'Wayan');
    guest = await createGuest(testApp, 'Tamu Balai');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
  });

  async function consultation(title: string): Promise<string> {
    const res = await official.http.post('/consultations', { title, description: 'Apa pendapat Anda?' });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function live(account: TestAccount): Promise<LiveClient> {
    const socket = await connectLive(testApp, account.token);
    sockets.push(socket);
    return socket;
  }

  describe('the whole chain', () => {
    let consultationId: string;
    let parkThread: string;
    let busThread: string;
    let poll: { id: string; options: { id: string }[] };
    let livePoll: { id: string; options: { id: string }[] };
    let sessionId: string;
    let treeQuestion: string;
    let lampQuestion: string;
    let closeSummary: ConsultationSummary;
    let decisionId: string;

    it('takes threads, posts, supports, ballots, questions and upvotes while open', async () => {
      consultationId = await consultation('Taman Kota Cempaka');
      const thread = async (account: TestAccount, title: string, body: string) => {
        const res = await account.http.post('/threads', { title, body, kind: 'idea', consultationId });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      parkThread = await thread(
        sari,
        'Pohon rindang di taman',
        'Taman kota butuh pohon rindang dan bangku. Pohon rindang membuat taman sejuk.',
      );
      busThread = await thread(budi, 'Halte bus dekat taman', 'Halte bus yang teduh dekat taman kota, dengan pohon rindang.');
      for (const [account, threadId, body] of [
        [budi, parkThread, 'Setuju, pohon rindang sangat penting untuk taman kota.'],
        [wayan, parkThread, 'Tambah lampu taman juga supaya aman malam hari.'],
        [sari, busThread, 'Halte bus perlu atap dan lampu.'],
      ] as const) {
        expect((await account.http.post(`/threads/${threadId}/posts`, { body })).status).toBe(201);
      }
      expect((await budi.http.put(`/threads/${parkThread}/support`)).status).toBe(200);
      expect((await wayan.http.put(`/threads/${parkThread}/support`)).status).toBe(200);
      expect((await sari.http.put(`/threads/${busThread}/support`)).status).toBe(200);

      const created = await moderator.http.post('/polls', {
        question: 'Prioritas pertama?',
        options: ['Pohon', 'Lampu', 'Bangku'],
        consultationId,
      });
      expect(created.status).toBe(201);
      poll = created.body;
      for (const [account, option] of [
        [sari, 0],
        [budi, 0],
        [wayan, 1],
      ] as const) {
        expect((await account.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[option]!.id] })).status).toBe(200);
      }

      const session = await createLiveSession(moderator, { title: 'Rapat warga taman', consultationId, preModeration: false });
      sessionId = session.id;
      const liveCreated = await moderator.http.post('/polls', {
        question: 'Rapat berikutnya?',
        options: ['Sabtu', 'Minggu'],
        liveSessionId: sessionId,
      });
      expect(liveCreated.status).toBe(201);
      livePoll = liveCreated.body;

      const guestSocket = await live(guest);
      const sariSocket = await live(sari);
      const budiSocket = await live(budi);
      for (const socket of [guestSocket, sariSocket, budiSocket])
        expect((await emitAck(socket, 'session:join', { sessionId })).ok).toBe(true);
      const ask = async (socket: LiveClient, text: string) => {
        const ack = await emitAck(socket, 'question:ask', { sessionId, text, clientRequestId: randomUUID() });
        expect(ack.ok).toBe(true);
        return ack.data.question.id as string;
      };
      treeQuestion = await ask(guestSocket, 'Kapan pohon rindang ditanam di taman?');
      lampQuestion = await ask(sariSocket, 'Berapa lampu taman yang dipasang?');
      for (const [socket, questionId] of [
        [sariSocket, treeQuestion],
        [budiSocket, treeQuestion],
        [guestSocket, lampQuestion],
      ] as const) {
        expect((await emitAck(socket, 'question:upvote', { questionId })).ok).toBe(true);
      }
      expect((await emitAck(guestSocket, 'poll:vote', { pollId: livePoll.id, optionIds: [livePoll.options[1]!.id] })).ok).toBe(true);
      // Upvotes are group-committed: wait until both counts are in the database.
      await waitFor(async () => {
        const res = await anonymous.get(`/live-sessions/${sessionId}/questions?sort=top`);
        const upvotes = Object.fromEntries((res.body.items as { id: string; upvotes: number }[]).map((q) => [q.id, q.upvotes]));
        return upvotes[treeQuestion] === 2 && upvotes[lampQuestion] === 1;
      }, 'upvotes committed');
    });

    it('gives the same summary for the same data, as often as it is computed', async () => {
      const first = await official.http.get(`/consultations/${consultationId}/summary`);
      const second = await official.http.get(`/consultations/${consultationId}/summary`);
      expect(first.status).toBe(200);
      // The preview of an open consultation reads all of it: officials only.
      for (const other of [anonymous, sari.http, moderator.http]) {
        const refused = await other.get(`/consultations/${consultationId}/summary`);
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('summary_not_ready');
      }
      expect(withoutTime(second.body)).toEqual(withoutTime(first.body));
      expect(JSON.stringify(withoutTime(second.body))).toBe(JSON.stringify(withoutTime(first.body)));
    });

    it('refuses closing to citizens (403), moderators (403) and anonymous callers (401)', async () => {
      expect((await sari.http.post(`/consultations/${consultationId}/close`)).status).toBe(403);
      expect((await moderator.http.post(`/consultations/${consultationId}/close`)).status).toBe(403);
      expect((await anonymous.post(`/consultations/${consultationId}/close`)).status).toBe(401);
      expect((await official.http.post(`/consultations/${randomUUID()}/close`)).status).toBe(404);
    });

    it('closes: the summary’s figures are what was created, every item names its sources', async () => {
      const open = await official.http.get(`/consultations/${consultationId}/summary`);
      const heard: unknown[] = [];
      const listener = (event: unknown) => heard.push(event);
      testApp.app.get(EventEmitter2).on('consultation.closed', listener);
      const res = await official.http.post(`/consultations/${consultationId}/close`);
      testApp.app.get(EventEmitter2).off('consultation.closed', listener);
      expect(res.status).toBe(200);
      expect(res.body.consultation).toMatchObject({ id: consultationId, status: 'closed', acceptsInput: false });
      closeSummary = res.body.summary;
      expect(heard).toEqual([{ consultationId, closedAt: expect.any(Date), closedBy: official.id }]);
      // Nothing changed between the open preview and the close: the same summary.
      expect(withoutTime(closeSummary)).toEqual(withoutTime(open.body));

      const today = new Date().toISOString().slice(0, 10);
      expect(closeSummary.participation).toEqual({
        participants: 4, // Sari, Budi, Wayan and the guest
        threads: 2,
        posts: 3,
        questions: 2,
        ballots: 4,
        supports: 3,
        upvotes: 3,
        byDay: [{ day: today, threads: 2, posts: 3, questions: 2, ballots: 4, supports: 3, upvotes: 3 }],
      });
      expect(closeSummary.polls).toEqual([
        {
          pollId: poll.id,
          question: 'Prioritas pertama?',
          liveSessionId: null,
          totalBallots: 3,
          options: [
            { id: poll.options[0]!.id, label: 'Pohon', votes: 2, share: 0.6667 },
            { id: poll.options[1]!.id, label: 'Lampu', votes: 1, share: 0.3333 },
            { id: poll.options[2]!.id, label: 'Bangku', votes: 0, share: 0 },
          ],
        },
        {
          pollId: livePoll.id,
          question: 'Rapat berikutnya?',
          liveSessionId: sessionId,
          totalBallots: 1,
          options: [
            { id: livePoll.options[0]!.id, label: 'Sabtu', votes: 0, share: 0 },
            { id: livePoll.options[1]!.id, label: 'Minggu', votes: 1, share: 1 },
          ],
        },
      ]);
      expect(closeSummary.topThreads).toEqual([
        { id: parkThread, title: 'Pohon rindang di taman', supports: 2, posts: 2 },
        { id: busThread, title: 'Halte bus dekat taman', supports: 1, posts: 1 },
      ]);
      expect(closeSummary.topQuestions).toEqual([
        { id: treeQuestion, sessionId, text: 'Kapan pohon rindang ditanam di taman?', upvotes: 2 },
        { id: lampQuestion, sessionId, text: 'Berapa lampu taman yang dipasang?', upvotes: 1 },
      ]);
      // "taman" is the most said word: 2 thread titles + 3 in thread bodies, 2 posts, 2 questions.
      const taman = closeSummary.themes.find((theme) => theme.term === 'taman');
      expect(taman).toMatchObject({ kind: 'word', sources: { threads: 2, posts: 2, questions: 2 } });
      expect(closeSummary.themes[0]!.term).toBe('taman');
      expect(taman!.examples).toEqual(
        expect.arrayContaining([
          { sourceType: 'thread', sourceId: expect.any(String) },
          { sourceType: 'question', sourceId: expect.any(String) },
        ]),
      );
      const phrase = closeSummary.themes.find((theme) => theme.term === 'pohon rindang');
      expect(phrase).toMatchObject({ kind: 'phrase', sources: { threads: 2, posts: 1, questions: 1 } });
      // Stopwords (yang, dan, di, untuk) never become themes.
      for (const stop of ['yang', 'dan', 'untuk', 'dengan']) expect(closeSummary.themes.map((theme) => theme.term)).not.toContain(stop);
      expect(closeSummary.quotes.map((quote) => [quote.sourceType, quote.sourceId])).toEqual([
        ['thread', parkThread],
        ['question', treeQuestion],
        ['thread', busThread],
        ['question', lampQuestion],
      ]);

      const stored = await anonymous.get(`/consultations/${consultationId}/summary`);
      expect(stored.body).toEqual(closeSummary);
    });

    it('takes no more input anywhere once closed (409 / conflict), and closing twice is a 409', async () => {
      const conflict = (res: { status: number }) => expect(res.status).toBe(409);
      conflict(await sari.http.post('/threads', { title: 'Terlambat', body: 'Masih bisa?', kind: 'idea', consultationId }));
      conflict(await wayan.http.post(`/threads/${parkThread}/posts`, { body: 'Masih bisa?' }));
      conflict(await sari.http.put(`/threads/${parkThread}/support`));
      conflict(await guest.http.put(`/polls/${livePoll.id}/ballot`, { optionIds: [livePoll.options[0]!.id] }));
      conflict(await wayan.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[2]!.id] }));
      const socket = sockets[1]!;
      const ask = await emitAck(socket, 'question:ask', { sessionId, text: 'Masih bisa bertanya?', clientRequestId: randomUUID() });
      expect(ask).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const vote = await emitAck(socket, 'poll:vote', { pollId: livePoll.id, optionIds: [livePoll.options[0]!.id] });
      expect(vote).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const again = await official.http.post(`/consultations/${consultationId}/close`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('consultation_already_closed');
      expect((await anonymous.get(`/consultations/${consultationId}/summary`)).body).toEqual(closeSummary);
    });

    it('refuses bad decisions: roles, empty or oversized body, unknown fields, foreign citations', async () => {
      const url = `/consultations/${consultationId}/decision`;
      const good = { title: 'Keputusan Taman Cempaka', body: 'Kami mendengar Anda.' };
      expect((await sari.http.post(url, good)).status).toBe(403);
      expect((await moderator.http.post(url, good)).status).toBe(403);
      expect((await anonymous.post(url, good)).status).toBe(401);
      const empty = await official.http.post(url, { title: 'Keputusan', body: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual([{ field: 'body', message: 'body must not be empty' }]);
      const oversized = await official.http.post(url, { title: 'Keputusan', body: 'a'.repeat(50_001) });
      expect(oversized.status).toBe(400);
      expect(oversized.body.errors[0].field).toBe('body');
      expect((await official.http.post(url, { title: 'Keputusan', body: 'b'.repeat(120_000) })).status).toBe(413);
      expect((await official.http.post(url, { ...good, extra: true })).status).toBe(400);
      const foreign = await official.http.post(url, { ...good, citedThreadIds: [randomUUID()] });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0].field).toBe('citedThreadIds[0]');
      // Nothing was half-written: still closed, no decision.
      expect((await anonymous.get(`/consultations/${consultationId}`)).body.status).toBe('closed');
      expect((await anonymous.get('/decisions')).body.items).toEqual([]);
    });

    it('publishes once: the decision freezes the summary, the consultation is decided, a second one is 409', async () => {
      const heard: unknown[] = [];
      const listener = (event: unknown) => heard.push(event);
      testApp.app.get(EventEmitter2).on('decision.published', listener);
      const res = await official.http.post(`/consultations/${consultationId}/decision`, {
        title: 'Keputusan Taman Cempaka',
        body: '## Yang kami dengar\n\nPohon rindang & lampu.\n\n## Keputusan\n\nKota menanam 40 pohon.',
        citedThreadIds: [parkThread],
      });
      testApp.app.get(EventEmitter2).off('decision.published', listener);
      expect(res.status).toBe(201);
      decisionId = res.body.id;
      expect(res.body).toEqual({
        id: expect.any(String),
        consultationId,
        consultationTitle: 'Taman Kota Cempaka',
        title: 'Keputusan Taman Cempaka',
        body: '## Yang kami dengar\n\nPohon rindang & lampu.\n\n## Keputusan\n\nKota menanam 40 pohon.',
        publishedAt: expect.any(String),
        summary: closeSummary,
        citedThreadIds: [parkThread],
        amendments: [],
        logEntry: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      expect(heard).toEqual([
        expect.objectContaining({
          decisionId,
          consultationId,
          publishedBy: official.id,
          bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      ]);
      expect((await anonymous.get(`/consultations/${consultationId}`)).body.status).toBe('decided');
      const second = await official.http.post(`/consultations/${consultationId}/decision`, { title: 'Lagi', body: 'Kedua' });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('consultation_decided');
      expect((await official.http.post(`/consultations/${consultationId}/close`)).status).toBe(409);
    });

    it('refuses a decision on an open consultation (409) and on an unknown one (404)', async () => {
      const openId = await consultation('Masih terbuka');
      const res = await official.http.post(`/consultations/${openId}/decision`, { title: 'Terlalu cepat', body: 'Belum' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('consultation_not_closed');
      expect((await official.http.post(`/consultations/${randomUUID()}/decision`, { title: 'Tidak ada', body: 'x' })).status).toBe(404);
    });

    it('amends without editing; an unknown decision is 404, an empty amendment 400, a citizen 403', async () => {
      const res = await official.http.post(`/decisions/${decisionId}/amendments`, { body: 'Penanaman mundur ke Maret.' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        decisionId,
        body: 'Penanaman mundur ke Maret.',
        amendedAt: expect.any(String),
        logEntry: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      expect((await official.http.post(`/decisions/${randomUUID()}/amendments`, { body: 'x' })).status).toBe(404);
      expect((await official.http.post(`/decisions/${decisionId}/amendments`, { body: '' })).status).toBe(400);
      expect((await sari.http.post(`/decisions/${decisionId}/amendments`, { body: 'x' })).status).toBe(403);
      const got = await anonymous.get(`/decisions/${decisionId}`);
      expect(got.status).toBe(200);
      expect(got.body.body).toContain('Kota menanam 40 pohon.');
      expect(got.body.amendments.map((a: { body: string }) => a.body)).toEqual(['Penanaman mundur ke Maret.']);
      expect((await anonymous.get(`/consultations/${consultationId}/decision`)).body.id).toBe(decisionId);
      const list = await anonymous.get('/decisions');
      expect(list.body).toEqual({
        items: [
          {
            id: decisionId,
            consultationId,
            consultationTitle: 'Taman Kota Cempaka',
            title: 'Keputusan Taman Cempaka',
            publishedAt: expect.any(String),
            amendments: 1,
          },
        ],
        nextCursor: null,
      });
      expect((await anonymous.get(`/decisions/${randomUUID()}`)).status).toBe(404);
      expect((await anonymous.get('/decisions/not-a-uuid')).status).toBe(400);
    });

    it('serves an Atom feed linked on PUBLIC_URL, with the decision and its amendment', async () => {
      const res = await fetch(`${testApp.url}/api/v1/decisions/feed.atom`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const doc = xml2js(await res.text(), { compact: true }) as any;
      const feed = doc.feed;
      expect(feed._attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
      expect(feed.id._text).toBe(`${PUBLIC_URL}/decisions`);
      const entries = [feed.entry].flat();
      expect(entries).toHaveLength(2);
      const links = entries.map((entry: any) => entry.link._attributes.href);
      expect(links).toContain(`${PUBLIC_URL}/decisions/${decisionId}`);
      expect(links.some((link: string) => link.startsWith(`${PUBLIC_URL}/decisions/${decisionId}#amendment-`))).toBe(true);
      for (const entry of entries) {
        expect(entry.title._cdata ?? entry.title._text).toBeTruthy();
        expect(entry.updated._text).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
    });

    it('exports CSV (UTF-8, a header row) and JSON that load as they are', async () => {
      const csv = await fetch(`${testApp.url}/api/v1/decisions/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const rows = parseCsv(await csv.text()).filter((row) => row.length > 1);
      expect(rows[0]!.slice(0, 6)).toEqual(['decision_id', 'consultation_id', 'consultation_title', 'title', 'published_at', 'amendments']);
      expect(rows).toHaveLength(2);
      const record = Object.fromEntries(rows[0]!.map((column, i) => [column, rows[1]![i]]));
      expect(record).toMatchObject({
        decision_id: decisionId,
        consultation_id: consultationId,
        title: 'Keputusan Taman Cempaka',
        amendments: '1',
        participants: '4',
        posts: '3',
        url: `${PUBLIC_URL}/decisions/${decisionId}`,
        body_markdown: '## Yang kami dengar\n\nPohon rindang & lampu.\n\n## Keputusan\n\nKota menanam 40 pohon.',
      });
      const json = await anonymous.get('/decisions/export?format=json');
      expect(json.status).toBe(200);
      expect(json.body).toHaveLength(1);
      expect(json.body[0]).toMatchObject({ id: decisionId, summary: closeSummary, amendments: [{ body: 'Penanaman mundur ke Maret.' }] });
      expect((await anonymous.get('/decisions/export?format=xml')).status).toBe(400);
      expect((await anonymous.get('/decisions/export')).status).toBe(400);
    });
  });

  describe('the transparency log seam', () => {
    it('appends each entry inside its transaction, with no personal data, and names it in the response', async () => {
      const writer = testApp.app.get(DecisionLogWriter);
      const entries: { type: string; subjectId: string; payload: Record<string, unknown>; inTransaction: boolean }[] = [];
      // The real log, watched: each append is seen with the transaction it joins.
      const appendToLog = writer.append.bind(writer);
      const append = jest.spyOn(writer, 'append').mockImplementation(async (em, entry) => {
        entries.push({ ...entry, inTransaction: em.isInTransaction() });
        return appendToLog(em, entry);
      });
      try {
        const consultationId = await consultation('Lampu jalan Kenanga');
        expect(
          (await sari.http.post('/threads', { title: 'Lampu mati', body: 'Lampu jalan mati.', kind: 'complaint', consultationId })).status,
        ).toBe(201);
        const closed = await official.http.post(`/consultations/${consultationId}/close`);
        expect(closed.status).toBe(200);
        const published = await official.http.post(`/consultations/${consultationId}/decision`, {
          title: 'Lampu diganti',
          body: 'Kami mengganti lampu.',
        });
        expect(published.status).toBe(201);
        expect(published.body.logEntry).toEqual({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
        const amended = await official.http.post(`/decisions/${published.body.id}/amendments`, { body: 'Selesai minggu depan.' });
        expect(amended.body.logEntry).toEqual({ seq: published.body.logEntry.seq + 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
        // The public log holds the same entries under the seq and hash the responses named.
        const log = await anonymous.get(`/transparency-log?afterSeq=${published.body.logEntry.seq - 2}&limit=3`);
        expect(log.body.entries.map((e: { type: string; seq: number; hash: string }) => [e.type, e.seq, e.hash])).toEqual([
          ['consultation.closed', published.body.logEntry.seq - 1, expect.stringMatching(/^[0-9a-f]{64}$/)],
          ['decision.published', published.body.logEntry.seq, published.body.logEntry.hash],
          ['decision.amended', amended.body.logEntry.seq, amended.body.logEntry.hash],
        ]);
        expect((await anonymous.get(`/decisions/${published.body.id}`)).body.logEntry).toEqual(published.body.logEntry);

        const sha = (text: string) => createHash('sha256').update(text).digest('hex');
        expect(entries).toEqual([
          {
            type: 'consultation.closed',
            subjectId: consultationId,
            payload: {
              consultationId,
              title: 'Lampu jalan Kenanga',
              closedAt: expect.any(String),
              summarySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            },
            inTransaction: true,
          },
          {
            type: 'decision.published',
            subjectId: published.body.id,
            payload: {
              decisionId: published.body.id,
              consultationId,
              title: 'Lampu diganti',
              bodySha256: sha('Kami mengganti lampu.'),
              summarySha256: entries[0]!.payload.summarySha256,
              publishedAt: published.body.publishedAt,
            },
            inTransaction: true,
          },
          {
            type: 'decision.amended',
            subjectId: published.body.id,
            payload: {
              decisionId: published.body.id,
              amendmentId: amended.body.id,
              consultationId,
              bodySha256: sha('Selesai minggu depan.'),
              amendedAt: amended.body.amendedAt,
            },
            inTransaction: true,
          },
        ]);
        // No personal data: no user ids or names anywhere in the payloads.
        const text = JSON.stringify(entries);
        for (const who of [official.id, sari.id, 'Sari', 'Ibu Walikota']) expect(text).not.toContain(who);
      } finally {
        append.mockRestore();
      }
    });

    it('rolls the close back when the log cannot be written: still open, no summary stored, input still taken', async () => {
      const writer = testApp.app.get(DecisionLogWriter);
      const append = jest.spyOn(writer, 'append').mockRejectedValue(new Error('log unavailable'));
      try {
        const consultationId = await consultation('Trotoar Mawar');
        expect((await official.http.post(`/consultations/${consultationId}/close`)).status).toBe(500);
        expect((await anonymous.get(`/consultations/${consultationId}`)).body).toMatchObject({ status: 'open', acceptsInput: true });
        expect((await sari.http.post('/threads', { title: 'Masih dibuka', body: 'Ya.', kind: 'idea', consultationId })).status).toBe(201);
        append.mockRestore();
        const closed = await official.http.post(`/consultations/${consultationId}/close`);
        expect(closed.status).toBe(200);
        expect(closed.body.summary.participation.threads).toBe(1);
      } finally {
        append.mockRestore();
      }
    });
  });

  describe('the demo city', () => {
    let demo: TestApp;
    beforeAll(async () => {
      demo = await createTestApp({ env: { BALAI_DEMO: 'true' } });
    }, 180_000);
    afterAll(() => demo?.close());

    it('has one consultation already decided, with its summary, decision and an amendment, beside the open ones', async () => {
      const http = new HttpClient(`${demo.url}/api/v1`);
      const decided = await http.get('/consultations?status=decided');
      expect(decided.body.items.map((c: { title: string }) => c.title)).toEqual(['Jalur Sepeda Jalan Merdeka']);
      expect((await http.get('/consultations?status=open')).body.items.length).toBeGreaterThanOrEqual(2);
      const decisions = await http.get('/decisions');
      expect(decisions.body.items).toEqual([
        expect.objectContaining({
          title: 'Jalur sepeda terlindung di Jalan Merdeka',
          consultationTitle: 'Jalur Sepeda Jalan Merdeka',
          amendments: 1,
        }),
      ]);
      const decision = (await http.get(`/decisions/${decisions.body.items[0].id}`)).body;
      expect(decision.summary.participation).toMatchObject({ threads: 3, posts: 3, supports: 7, ballots: 4 });
      expect(decision.summary.polls[0].totalBallots).toBe(4);
      expect(decision.citedThreadIds).toHaveLength(3);
      expect(decision.amendments).toHaveLength(1);
      expect(decision.summary.themes.map((theme: { term: string }) => theme.term)).toContain('jalur sepeda');
    });
  });
});
