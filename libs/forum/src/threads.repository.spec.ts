import { EntityManager } from '@mikro-orm/postgresql';
import { newId, runSql } from '@balai/database';
import { createTestOrm, TestOrm } from '@balai/testing';
import { ForumPost } from './forum-post.entity';
import { ForumThread } from './forum-thread.entity';
import { ThreadSupport } from './thread-support.entity';
import { ListedThreadRecord, ThreadListFilter, ThreadsRepository } from './threads.repository';

/**
 * The thread list's trickiest statement against real PostgreSQL: the relevance-ranked search page,
 * whose keyset cursor runs over a computed (rank, id), ties included.
 */
describe('ThreadsRepository.list (PostgreSQL)', () => {
  let testOrm: TestOrm;
  let repository: ThreadsRepository;
  let em: EntityManager;
  const consultationId = newId();
  const authorId = newId();
  const ids: Record<string, string[]> = { park: [], tie: [], lights: [], consultation: [], other: [], hidden: [] };

  const insert = async (group: string, title: string, body: string, fields: { consultationId?: string; status?: string } = {}) => {
    const id = newId();
    await runSql(
      em,
      `insert into forum_threads (id, title, body, kind, consultation_id, author_id, author_name, status)
       values (?, ?, ?, 'idea', ?, ?, 'Sari', ?)`,
      [id, title, body, fields.consultationId ?? null, authorId, fields.status ?? 'visible'],
    );
    ids[group]!.push(id);
  };

  /** Every page of a list, each fetched as the service does (one row more than the page). */
  const allPages = async (filter: Omit<ThreadListFilter, 'limit' | 'after'>, limit: number) => {
    const pages: ListedThreadRecord[][] = [];
    let after: ThreadListFilter['after'];
    for (;;) {
      const rows = await repository.list({ ...filter, after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      pages.push(page);
      if (rows.length <= limit) return pages;
      const last = page[page.length - 1]!;
      after = filter.order === 'relevance' ? [last.rank!, last.id] : filter.order === 'top' ? [last.supports, last.id] : [last.id];
    }
  };

  beforeAll(async () => {
    testOrm = await createTestOrm([ForumThread, ForumPost, ThreadSupport]);
    em = testOrm.em;
    repository = new ThreadsRepository(em);
    // Ranks that differ (the word in the title weighs more, repeated words more still) ...
    await insert('park', 'Taman kota', 'Taman yang teduh, taman untuk semua, taman bermain.');
    await insert('park', 'Taman di pinggir sungai', 'Perlu bangku.');
    await insert('park', 'Pertamanan ramah anak', 'Taman-taman dengan pepohonan dan penerangan yang cukup.');
    await insert('park', 'Usul warga', 'Sebuah taman kecil di ujung gang.');
    // ... and a run of equal ranks that straddles several pages.
    for (let i = 0; i < 11; i++) await insert('tie', 'Usul warga', 'Kami ingin taman.');
    await insert('consultation', 'Taman Cempaka', 'Taman dengan air mancur.', { consultationId });
    await insert('lights', 'Broken street lights', 'The lighting on our street is off.');
    await insert('lights', 'Dark road', 'A light at the corner would help.');
    await insert('other', 'Jalan berlubang', 'Aspal rusak sejak bulan lalu.');
    await insert('hidden', 'Taman tersembunyi', 'Taman yang disembunyikan moderator.', { status: 'hidden' });
  });
  afterAll(() => testOrm?.close());

  it('pages through relevance-ranked matches: each match exactly once, best first, ties by newest', async () => {
    const expected = [...ids.park!, ...ids.tie!, ...ids.consultation!];
    for (const limit of [1, 2, 3, 4, 7, 100]) {
      const pages = await allPages({ q: 'taman', order: 'relevance' }, limit);
      const rows = pages.flat();
      expect(rows.map((row) => row.id).sort()).toEqual([...expected].sort());
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
      for (let i = 1; i < rows.length; i++) {
        const [before, after] = [rows[i - 1]!, rows[i]!];
        expect(before.rank! > after.rank! || (before.rank === after.rank && before.id > after.id)).toBe(true);
      }
    }
    const ranked = (await allPages({ q: 'taman', order: 'relevance' }, 100)).flat();
    // The thread that says "taman" in its title and four times in its body ranks first.
    expect(ranked[0]!.id).toBe(ids.park![0]);
    expect(new Set(ranked.filter((row) => ids.tie!.includes(row.id)).map((row) => row.rank)).size).toBe(1);
  });

  it('finds Indonesian and English word forms, and nothing hidden or unrelated', async () => {
    const found = async (q: string) =>
      (await allPages({ q, order: 'relevance' }, 5))
        .flat()
        .map((row) => row.id)
        .sort();
    expect(await found('pohon')).toEqual([ids.park![2]]);
    expect(await found('pertamanan')).toEqual([...ids.park!, ...ids.tie!, ...ids.consultation!].sort());
    expect(await found('lights')).toEqual([...ids.lights!].sort());
    expect(await found('lighting')).toEqual([...ids.lights!].sort());
    expect(await found('aspal')).toEqual([ids.other![0]]);
    expect(await found('disembunyikan')).toEqual([]);
    expect(await found('kereta')).toEqual([]);
  });

  it('combines the search with a consultation filter and with the other orders', async () => {
    const inConsultation = (await allPages({ q: 'taman', consultationId, order: 'relevance' }, 2)).flat();
    expect(inConsultation.map((row) => row.id)).toEqual(ids.consultation);
    const recent = (await allPages({ q: 'taman', order: 'recent' }, 4)).flat();
    expect(recent.map((row) => row.id)).toEqual([...ids.park!, ...ids.tie!, ...ids.consultation!].reverse());
    expect(recent.every((row) => typeof row.rank === 'number' && row.rank > 0)).toBe(true);
    const listed = (await allPages({ order: 'recent' }, 3)).flat();
    expect(listed.every((row) => row.rank === null)).toBe(true);
    expect(listed).toHaveLength(Object.values(ids).flat().length - ids.hidden!.length);
  });
});
