import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { createTestOrm, TestOrm } from '@balai/testing';
import { Ballot } from './ballot.entity';
import { Poll } from './poll.entity';
import { PollOption } from './poll-option.entity';
import { PollsRepository } from './polls.repository';

describe('PollsRepository (PostgreSQL)', () => {
  let testOrm: TestOrm;
  let em: EntityManager;
  let repository: PollsRepository;

  beforeAll(async () => {
    testOrm = await createTestOrm([Poll, PollOption, Ballot]);
    em = testOrm.em;
    repository = new PollsRepository(em);
  });
  afterAll(() => testOrm?.close());

  /** A poll whose options are created last first, so their id order disagrees with their `position`. */
  async function pollWith(labels: string[], multiple = true): Promise<{ poll: Poll; ids: string[] }> {
    const poll = em.create(Poll, { question: 'Fasilitas apa?', multiple, createdBy: randomUUID() });
    const options = labels
      .map((label, position) => ({ label, position }))
      .reverse()
      .map(({ label, position }) => em.create(PollOption, { poll: poll.id, label, position }));
    await em.flush();
    return { poll, ids: options.reverse().map((option) => option.id) };
  }

  const vote = (pollId: string, userId: string, optionIds: string[]) =>
    em.transactional((tx) => repository.upsertBallot(tx as EntityManager, pollId, userId, optionIds));

  it('counts each multi-choice ballot once in totalBallots and once for each option it chose, zero-vote options included, in option order', async () => {
    const { poll, ids } = await pollWith(['Taman bermain', 'Jalur jogging', 'Toilet umum', 'Lampu']);
    const [a, b, c, d] = ids;
    const other = await pollWith(['Ya', 'Tidak'], false);
    const empty = await pollWith(['Pagi', 'Sore'], false);
    const [u1, u2, u3, u4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await vote(poll.id, u1, [a, c]);
    await vote(poll.id, u2, [c]);
    await vote(poll.id, u3, [a, b, c]);
    // u1 changes their mind: the ballot is replaced, not added.
    await vote(poll.id, u1, [b, c]);
    // An id that is no option of this poll counts in totalBallots only.
    await vote(poll.id, u4, [other.ids[0]]);
    // Another poll's ballots stay in that poll.
    await vote(other.poll.id, u1, [other.ids[1]]);

    const results = await repository.results(em, [poll.id, empty.poll.id, other.poll.id]);
    expect(results.get(poll.id)).toEqual({
      totalBallots: 4,
      options: [
        { id: a, votes: 1 },
        { id: b, votes: 2 },
        { id: c, votes: 3 },
        { id: d, votes: 0 },
      ],
    });
    expect(results.get(other.poll.id)).toEqual({
      totalBallots: 1,
      options: [
        { id: other.ids[0], votes: 0 },
        { id: other.ids[1], votes: 1 },
      ],
    });
    expect(results.get(empty.poll.id)).toEqual({ totalBallots: 0, options: empty.ids.map((id) => ({ id, votes: 0 })) });
    expect([...(await repository.results(em, [poll.id])).keys()]).toEqual([poll.id]);
    expect((await repository.results(em, [randomUUID()])).size).toBe(0);
    expect((await repository.results(em, [])).size).toBe(0);
  });

  it('replaces a ballot in place: one row per participant, its created_at kept', async () => {
    const { poll, ids } = await pollWith(['A', 'B', 'C']);
    const user = randomUUID();
    await vote(poll.id, user, [ids[0], ids[2]]);
    const [before] = await testOrm.database.query<{ created_at: Date }>('select created_at from poll_ballots where poll_id = $1', [
      poll.id,
    ]);
    await vote(poll.id, user, [ids[1]]);

    const rows = await testOrm.database.query<{ option_ids: string[]; created_at: Date; updated_at: Date }>(
      'select option_ids, created_at, updated_at from poll_ballots where poll_id = $1 and user_id = $2',
      [poll.id, user],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].created_at).toEqual(before.created_at);
    expect(rows[0].updated_at.getTime()).toBeGreaterThan(before.created_at.getTime());
    expect(await repository.ballotsOf(em, [poll.id, randomUUID()], user)).toEqual(new Map([[poll.id, [ids[1]]]]));
    expect((await repository.results(em, [poll.id])).get(poll.id)?.totalBallots).toBe(1);
  });

  it('finds lapsed open polls oldest first and open polls of a live session', async () => {
    const sessionId = randomUUID();
    const now = new Date();
    const later = em.create(Poll, { question: 'B?', createdBy: randomUUID(), closesAt: new Date(now.getTime() - 1_000) });
    const earlier = em.create(Poll, { question: 'A?', createdBy: randomUUID(), closesAt: new Date(now.getTime() - 2_000) });
    em.create(Poll, { question: 'C?', createdBy: randomUUID(), closesAt: new Date(now.getTime() - 3_000), status: 'closed' });
    const inSession = em.create(Poll, {
      question: 'D?',
      createdBy: randomUUID(),
      closesAt: new Date(now.getTime() + 60_000),
      liveSessionId: sessionId,
    });
    // Lapsed at the same time as `later`, created after it: the id breaks the tie.
    const lapsedInSession = em.create(Poll, {
      question: 'E?',
      createdBy: randomUUID(),
      closesAt: new Date(now.getTime() - 1_000),
      liveSessionId: sessionId,
    });
    await em.flush();

    expect(await repository.lapsedOpenPollIds(now, 100)).toEqual([earlier.id, later.id, lapsedInSession.id]);
    expect(await repository.lapsedOpenPollIds(now, 1)).toEqual([earlier.id]);
    expect(await repository.hasOpenPolls(sessionId)).toBe(true);
    expect(await repository.hasOpenPolls(randomUUID())).toBe(false);
    expect((await repository.openPollsOfSession(sessionId, now)).map((poll) => poll.id)).toEqual([inSession.id]);
    expect(await repository.liveSessionOf(later.id)).toBeNull();
    expect(await repository.liveSessionOf(randomUUID())).toBeUndefined();
  });
});
