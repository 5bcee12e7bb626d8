import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import type { QuestionStatus } from '@balai/contracts';
import { createTestOrm, TestOrm } from '@balai/testing';
import { LiveQuestion } from './live-question.entity';
import { LiveSession } from './live-session.entity';
import { LiveUpvote } from './live-upvote.entity';
import { LiveUpvotesRepository, VoteTarget } from './live-upvotes.repository';

describe('LiveUpvotesRepository (PostgreSQL)', () => {
  let testOrm: TestOrm;
  let em: EntityManager;
  let repository: LiveUpvotesRepository;

  beforeAll(async () => {
    testOrm = await createTestOrm([LiveSession, LiveQuestion, LiveUpvote]);
    em = testOrm.em;
    repository = new LiveUpvotesRepository(em);
  });
  afterAll(() => testOrm?.close());

  /** A consultation row as the consultations domain keeps it (this spec reads none of its code). */
  async function consultation(status: 'open' | 'closed', closesAt: Date | null = null): Promise<string> {
    const id = randomUUID();
    await testOrm.database.query(
      `insert into consultations (id, title, description, status, closes_at, created_by) values ($1, $2, $3, $4, $5, $6)`,
      [id, 'Taman Kota', 'Apa yang warga butuhkan?', status, closesAt, randomUUID()],
    );
    return id;
  }

  async function sessionWith(statuses: QuestionStatus[], options: { ended?: boolean; consultationId?: string } = {}) {
    const session = em.create(LiveSession, {
      code: randomUUID().slice(0, 6).toUpperCase(),
      title: 'Rapat warga',
      status: options.ended ? 'ended' : 'live',
      consultationId: options.consultationId ?? null,
      createdBy: randomUUID(),
    });
    const questions = statuses.map((status, i) =>
      em.create(LiveQuestion, {
        sessionId: session.id,
        authorId: randomUUID(),
        authorName: 'Warga',
        clientRequestId: `q-${i}`,
        text: `Pertanyaan ${i}`,
        status,
      }),
    );
    await em.flush();
    return { session, ids: questions.map((question) => question.id) };
  }

  const counter = async (questionId: string) => {
    const [row] = await testOrm.database.query<{ upvotes: number; upvotes_version: number; rows: string }>(
      `select q.upvotes, q.upvotes_version, (select count(*) from live_upvotes u where u.question_id = q.id) as rows
         from live_questions q where q.id = $1`,
      [questionId],
    );
    return { upvotes: row!.upvotes, version: row!.upvotes_version, rows: Number(row!.rows) };
  };
  const byId = (rows: VoteTarget[]) => new Map(rows.map((row) => [row.id, row]));

  it('counts each participant once, moves the counter by the rows actually inserted and bumps its version once per batch', async () => {
    const { session, ids } = await sessionWith(['approved', 'answered']);
    const [approved, answered] = ids as [string, string];
    const [u1, u2, u3] = [randomUUID(), randomUUID(), randomUUID()];

    const first = byId(
      await repository.applyVotes('up', [
        { questionId: approved, userId: u1 },
        { questionId: approved, userId: u2 },
        { questionId: answered, userId: u1 },
      ]),
    );
    expect(first.get(approved)).toMatchObject({ session_id: session.id, open: true, upvotes: 2, upvotes_version: 1 });
    expect(first.get(answered)).toMatchObject({ upvotes: 1, upvotes_version: 1 });

    // u1 again (already counted) and u3 (new): one row inserted, the counter moves by one.
    const second = byId(
      await repository.applyVotes('up', [
        { questionId: approved, userId: u1 },
        { questionId: approved, userId: u3 },
      ]),
    );
    expect(second.get(approved)).toMatchObject({ upvotes: 3, upvotes_version: 2 });
    expect(await counter(approved)).toEqual({ upvotes: 3, version: 2, rows: 3 });

    // Nothing new: the question comes back as found, its counter and version untouched.
    const repeated = byId(await repository.applyVotes('up', [{ questionId: approved, userId: u2 }]));
    expect(repeated.get(approved)).toMatchObject({ status: 'approved', open: true, upvotes: null, upvotes_version: null });
    expect(await counter(approved)).toEqual({ upvotes: 3, version: 2, rows: 3 });

    // Unvotes: only the rows that existed move the counter.
    const down = byId(
      await repository.applyVotes('down', [
        { questionId: approved, userId: u1 },
        { questionId: approved, userId: randomUUID() },
      ]),
    );
    expect(down.get(approved)).toMatchObject({ upvotes: 2, upvotes_version: 3 });
    expect(await counter(approved)).toEqual({ upvotes: 2, version: 3, rows: 2 });

    expect(await repository.upvotedBy([[session.id, u1]])).toEqual([{ session_id: session.id, user_id: u1, question_id: answered }]);
  });

  it('refuses votes on pending and rejected questions, in ended sessions and in consultations that take no input', async () => {
    const live = await sessionWith(['pending', 'rejected', 'archived', 'approved']);
    const [pending, rejected, archived] = live.ids as [string, string, string];
    const ended = await sessionWith(['approved'], { ended: true });
    const closed = await sessionWith(['approved'], { consultationId: await consultation('closed') });
    const lapsed = await sessionWith(['approved'], { consultationId: await consultation('open', new Date(Date.now() - 60_000)) });
    const open = await sessionWith(['approved'], { consultationId: await consultation('open', new Date(Date.now() + 3_600_000)) });
    const user = randomUUID();
    const targets = [pending, rejected, archived, ended.ids[0]!, closed.ids[0]!, lapsed.ids[0]!, open.ids[0]!];

    const found = byId(
      await repository.applyVotes(
        'up',
        targets.map((questionId) => ({ questionId, userId: user })),
      ),
    );
    expect(found.get(pending)).toMatchObject({ status: 'pending', upvotes: null });
    expect(found.get(rejected)).toMatchObject({ status: 'rejected', upvotes: null });
    expect(found.get(archived)).toMatchObject({ status: 'archived', open: true, upvotes: null });
    expect(found.get(ended.ids[0]!)).toMatchObject({ session_status: 'ended', open: false, upvotes: null });
    expect(found.get(closed.ids[0]!)).toMatchObject({ consultation_id: expect.any(String), open: false, upvotes: null });
    expect(found.get(lapsed.ids[0]!)).toMatchObject({ open: false, upvotes: null });
    // The one question that may take it: an open consultation before its closing time.
    expect(found.get(open.ids[0]!)).toMatchObject({ open: true, upvotes: 1, upvotes_version: 1 });
    for (const questionId of targets.slice(0, 6)) expect(await counter(questionId)).toEqual({ upvotes: 0, version: 0, rows: 0 });

    // An unknown question is simply not found.
    expect(await repository.applyVotes('up', [{ questionId: randomUUID(), userId: user }])).toEqual([]);
  });
});
