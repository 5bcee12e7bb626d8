import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { createTestOrm, TestOrm } from '@balai/testing';
import { LiveSession } from './live-session.entity';
import { LiveSessionsRepository } from './live-sessions.repository';

describe('LiveSessionsRepository (PostgreSQL)', () => {
  let testOrm: TestOrm;
  let em: EntityManager;
  let repository: LiveSessionsRepository;

  beforeAll(async () => {
    testOrm = await createTestOrm([LiveSession]);
    em = testOrm.em;
    repository = new LiveSessionsRepository(em);
  });
  afterAll(() => testOrm?.close());

  const session = (consultationId: string | null, fields: Partial<LiveSession> = {}) =>
    em.create(LiveSession, {
      code: randomUUID().slice(0, 6).toUpperCase(),
      title: 'Rapat warga',
      consultationId,
      createdBy: randomUUID(),
      ...fields,
    });

  it('reads a session by id or code as the entity holds it, dates as dates and nulls as nulls', async () => {
    const startedAt = new Date('2026-12-01T09:00:00.000Z');
    const created = session(null, { status: 'live', preModeration: false, allowAnonymous: false, startedAt });
    await em.flush();
    const expected = {
      id: created.id,
      code: created.code,
      title: 'Rapat warga',
      status: 'live',
      preModeration: false,
      allowAnonymous: false,
      consultationId: null,
      onScreenQuestionId: null,
      createdAt: created.createdAt,
      startedAt,
      endedAt: null,
    };
    expect(await repository.byId(created.id)).toEqual(expected);
    expect(await repository.byCode(created.code)).toEqual(expected);
    expect(await repository.byId(randomUUID())).toBeNull();
    expect(await repository.statusOf(created.id)).toBe('live');
    expect(await repository.statusOf(randomUUID())).toBeNull();
  });

  it("counts each consultation's sessions, leaving out consultations without one", async () => {
    const [a, b, none] = [randomUUID(), randomUUID(), randomUUID()];
    session(a);
    session(a);
    session(b);
    session(null);
    await em.flush();
    expect(await repository.countByConsultation([a, b, none])).toEqual(
      new Map([
        [a, 2],
        [b, 1],
      ]),
    );
    expect(await repository.countByConsultation([])).toEqual(new Map());
  });

  it('pages sessions newest first by id, filtered by status and consultation, each page strictly before the last id', async () => {
    const consultationId = randomUUID();
    const [scheduled, liveOld, other, liveNew] = [
      session(consultationId),
      session(consultationId, { status: 'live' }),
      session(randomUUID(), { status: 'live' }),
      session(consultationId, { status: 'live' }),
    ];
    await em.flush();
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

    expect(ids(await repository.page({ consultationId, limit: 10 }))).toEqual([liveNew.id, liveOld.id, scheduled.id]);
    expect(ids(await repository.page({ consultationId, status: 'live', limit: 10 }))).toEqual([liveNew.id, liveOld.id]);
    expect(ids(await repository.page({ consultationId, limit: 1 }))).toEqual([liveNew.id]);
    expect(ids(await repository.page({ consultationId, beforeId: liveNew.id, limit: 10 }))).toEqual([liveOld.id, scheduled.id]);
    expect(ids(await repository.page({ consultationId, beforeId: scheduled.id, limit: 10 }))).toEqual([]);
    const live = ids(await repository.page({ status: 'live', limit: 100 }));
    expect(live).toEqual(expect.arrayContaining([liveNew.id, liveOld.id, other.id]));
    expect(live).not.toContain(scheduled.id);
    expect(live).toEqual([...live].sort().reverse());
    expect(await repository.page({ consultationId, limit: 1 })).toEqual([await repository.byId(liveNew.id)]);
  });
});
