import { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '@balai/database';
import { createTestOrm, TestOrm } from '@balai/testing';
import { ConsultationParticipant } from './consultation-participant.entity';
import { ConsultationParticipantsRepository } from './consultation-participants.repository';

/** Participation is recorded by every domain, often twice for one person: each pair counts once. */
describe('ConsultationParticipantsRepository (PostgreSQL)', () => {
  let testOrm: TestOrm;
  let repository: ConsultationParticipantsRepository;
  let em: EntityManager;
  const [park, culture, quiet] = [newId(), newId(), newId()];
  const [sari, budi, wayan] = [newId(), newId(), newId()];

  beforeAll(async () => {
    testOrm = await createTestOrm([ConsultationParticipant]);
    em = testOrm.em;
    repository = new ConsultationParticipantsRepository(em);
  });
  afterAll(() => testOrm?.close());

  it('records each (consultation, person) once however often and however batched, and counts distinct people', async () => {
    // A batch with the same pair twice (a vote batch: two upvotes of one person), then again later.
    await repository.record([
      { consultationId: park, userId: sari },
      { consultationId: park, userId: sari },
      { consultationId: park, userId: budi },
      { consultationId: culture, userId: sari },
    ]);
    await repository.record([
      { consultationId: park, userId: budi },
      { consultationId: park, userId: wayan },
    ]);
    await repository.record([]);
    const counts = await repository.count([park, culture, quiet]);
    expect(Object.fromEntries(counts)).toEqual({ [park]: 3, [culture]: 1 });
    expect(await repository.count([])).toEqual(new Map());
  });

  it('records inside the caller’s transaction: a rolled-back write leaves no participant', async () => {
    await expect(
      em.fork().transactional(async (tx) => {
        await repository.record([{ consultationId: quiet, userId: wayan }], tx as EntityManager);
        throw new Error('the input itself failed');
      }),
    ).rejects.toThrow('the input itself failed');
    expect((await repository.count([quiet])).get(quiet)).toBeUndefined();
  });
});
