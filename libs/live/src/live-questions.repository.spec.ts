import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import type { QuestionStatus } from '@balai/contracts';
import { createTestOrm, TestOrm } from '@balai/testing';
import { LiveQuestion } from './live-question.entity';
import { LiveQuestionsRepository } from './live-questions.repository';
import { LiveSession } from './live-session.entity';
import { LiveUpvote } from './live-upvote.entity';

describe('LiveQuestionsRepository (PostgreSQL)', () => {
  let testOrm: TestOrm;
  let em: EntityManager;
  let repository: LiveQuestionsRepository;

  beforeAll(async () => {
    testOrm = await createTestOrm([LiveSession, LiveQuestion, LiveUpvote]);
    em = testOrm.em;
    repository = new LiveQuestionsRepository(em);
  });
  afterAll(() => testOrm?.close());

  /** A session whose questions are created in this order (ids are time-ordered: the first is the oldest). */
  async function sessionWith(questions: [QuestionStatus, number][], consultationId: string | null = null) {
    const session = em.create(LiveSession, {
      code: randomUUID().slice(0, 6).toUpperCase(),
      title: 'Rapat warga',
      status: 'live',
      consultationId,
      createdBy: randomUUID(),
    });
    const created = questions.map(([status, upvotes], i) =>
      em.create(LiveQuestion, {
        sessionId: session.id,
        authorId: randomUUID(),
        authorName: `Warga ${i}`,
        anonymous: i % 2 === 1,
        clientRequestId: `q-${i}`,
        text: `Pertanyaan ${i}`,
        status,
        upvotes,
        rejectionReason: status === 'rejected' ? 'di luar topik' : null,
      }),
    );
    await em.flush();
    return { session, ids: created.map((question) => question.id) };
  }

  it('top: the public questions of one session only, most upvoted first, the oldest first on ties, as complete rows', async () => {
    const { session, ids } = await sessionWith([
      ['approved', 3],
      ['answered', 7],
      ['pending', 50],
      ['rejected', 40],
      ['archived', 30],
      ['approved', 3],
      ['approved', 9],
    ]);
    await sessionWith([['approved', 100]]);

    const top = await repository.top(session.id, 10);
    expect(top.map((question) => question.id)).toEqual([ids[6], ids[1], ids[0], ids[5]]);
    expect(top[1]).toEqual({
      id: ids[1],
      sessionId: session.id,
      authorId: expect.any(String),
      authorName: 'Warga 1',
      anonymous: true,
      text: 'Pertanyaan 1',
      status: 'answered',
      upvotes: 7,
      rejectionReason: null,
      createdAt: expect.any(Date),
      source: 'app',
      mergedInto: null,
    });
    expect((await repository.top(session.id, 2)).map((question) => question.id)).toEqual([ids[6], ids[1]]);
  });

  it("a consultation's totals and top questions: approved, answered and archived, across its sessions only", async () => {
    const consultationId = randomUUID();
    const one = await sessionWith(
      [
        ['approved', 4],
        ['pending', 90],
        ['archived', 6],
      ],
      consultationId,
    );
    const two = await sessionWith(
      [
        ['answered', 6],
        ['rejected', 80],
      ],
      consultationId,
    );
    await sessionWith([['approved', 70]], randomUUID());

    expect(await repository.consultationTotals(consultationId)).toEqual({ questions: 3, upvotes: 16 });
    // 6 and 6: the older question first.
    expect(await repository.consultationTop(consultationId, 2)).toEqual([
      { id: one.ids[2], text: 'Pertanyaan 2', upvotes: 6 },
      { id: two.ids[0], text: 'Pertanyaan 0', upvotes: 6 },
    ]);
    expect(await repository.consultationTotals(randomUUID())).toEqual({ questions: 0, upvotes: 0 });
  });
});
