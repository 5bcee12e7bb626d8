import { MikroORM, RequestContext } from '@mikro-orm/core';
import { ForumStatus } from '@balai/contracts';
import { ForumService } from '@balai/forum';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

const UNKNOWN_ID = '0190a0a0-0000-7000-8000-000000000000';
const fieldsOf = (body: { errors?: { field: string }[] }) => new Set((body.errors ?? []).map((e) => e.field));

describe('forum (PostgreSQL)', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let official: TestAccount;
  let moderator: TestAccount;
  let sari: TestAccount;
  let budi: TestAccount;

  const setThreadStatus = (id: string, status: ForumStatus) =>
    RequestContext.create(testApp.app.get(MikroORM).em, () => testApp.app.get(ForumService).setThreadStatus(id, status));
  const setPostStatus = (id: string, status: ForumStatus) =>
    RequestContext.create(testApp.app.get(MikroORM).em, () => testApp.app.get(ForumService).setPostStatus(id, status));
  const newThread = async (account: TestAccount, fields: Record<string, unknown> = {}) => {
    const res = await account.http.post('/threads', {
      title: 'Lampu jalan mati',
      body: 'Sudah seminggu gelap.',
      kind: 'complaint',
      ...fields,
    });
    if (res.status !== 201) throw new Error(`thread not created: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; [key: string]: unknown };
  };
  const newConsultation = async (title = 'Desain Taman Kota Cempaka') => {
    const res = await official.http.post('/consultations', { title, description: 'Apa yang Anda inginkan?' });
    return res.body.id as string;
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    http = new HttpClient(`${testApp.url}/api/v1`);
    official = await createAccount(testApp, 'official', 'Kantor Walikota');
    moderator = await createAccount(testApp, 'moderator', 'Rina');
    sari = await createAccount(testApp, 'citizen', 'Sari Wulandari');
    budi = await createAccount(testApp, 'citizen', 'Budi Santoso');
  });
  afterAll(() => testApp.close());

  describe('threads', () => {
    it('creates a thread in the contract shape, storing the Markdown exactly as written', async () => {
      const consultationId = await newConsultation();
      const body = '## Usul\n\n- ayunan\n- *perosotan*  \n<script>alert(1)</script>\n';
      const res = await sari.http.post('/threads', { title: ' Taman bermain inklusif ', body, kind: 'idea', consultationId });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Taman bermain inklusif',
        body,
        kind: 'idea',
        consultationId,
        author: { id: sari.id, displayName: 'Sari Wulandari' },
        supports: 0,
        postCount: 0,
        status: 'visible',
        createdAt: expect.any(String),
        editedAt: null,
        progress: { state: 'received', note: null, changedAt: res.body.createdAt },
      });
      const got = await http.get(`/threads/${res.body.id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      const asSari = await sari.http.get(`/threads/${res.body.id}`);
      expect(asSari.body.supported).toBe(false);
    });

    it('creates a thread outside any consultation (consultationId null)', async () => {
      const thread = await newThread(budi);
      expect(thread.consultationId).toBeNull();
    });

    it('refuses guests (403) and anonymous callers (401)', async () => {
      const guest = await createGuest(testApp);
      const res = await guest.http.post('/threads', { title: 'Halo semua', body: 'x', kind: 'discussion' });
      expect(res.status).toBe(403);
      expect((await http.post('/threads', { title: 'Halo semua', body: 'x', kind: 'discussion' })).status).toBe(401);
    });

    it('names every bad field: limits, unknown kind, non-UUID consultationId, unknown fields', async () => {
      const all = await sari.http.post('/threads', {
        title: 'ab',
        body: '',
        kind: 'rant',
        consultationId: 'taman',
        supports: 99,
      });
      expect(all.status).toBe(400);
      expect(all.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(all.body)).toEqual(new Set(['title', 'body', 'kind', 'consultationId', 'supports']));
      const long = await sari.http.post('/threads', { title: 'x'.repeat(201), body: 'x'.repeat(20_001), kind: 'idea' });
      expect(fieldsOf(long.body)).toEqual(new Set(['title', 'body']));
      const blankTitle = await sari.http.post('/threads', { title: '      ', body: 'x', kind: 'idea' });
      expect(fieldsOf(blankTitle.body)).toEqual(new Set(['title']));
      const wrongTypes = await sari.http.post('/threads', { title: 123, body: ['x'], kind: null });
      expect(fieldsOf(wrongTypes.body)).toEqual(new Set(['title', 'body', 'kind']));
      const atLimits = await sari.http.post('/threads', { title: 'x'.repeat(200), body: 'y'.repeat(20_000), kind: 'question' });
      expect(atLimits.status).toBe(201);
      const shortest = await sari.http.post('/threads', { title: 'abc', body: 'y', kind: 'discussion' });
      expect(shortest.status).toBe(201);
    });

    it('answers non-UUID ids with 400 and unknown threads and consultations with 404', async () => {
      const bad = await http.get('/threads/123');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
      expect((await http.get(`/threads/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await http.get(`/threads/${UNKNOWN_ID}`)).body.code).toBe('thread_not_found');
      expect((await http.get(`/threads/${UNKNOWN_ID}/posts`)).status).toBe(404);
      expect((await sari.http.post(`/threads/${UNKNOWN_ID}/posts`, { body: 'x' })).status).toBe(404);
      expect((await sari.http.put(`/threads/${UNKNOWN_ID}/support`)).status).toBe(404);
      expect((await sari.http.put('/threads/nope/support')).status).toBe(400);
      expect((await sari.http.post('/threads/nope/posts', { body: 'x' })).status).toBe(400);
      expect((await sari.http.request('PATCH', '/posts/nope', { body: 'x' })).status).toBe(400);
      const unknownConsultation = await sari.http.post('/threads', { title: 'Halo', body: 'x', kind: 'idea', consultationId: UNKNOWN_ID });
      expect(unknownConsultation.status).toBe(404);
      expect(unknownConsultation.body.code).toBe('consultation_not_found');
    });

    it('lets only the author edit a thread (others get 403 not_author)', async () => {
      const thread = await newThread(sari);
      const other = await budi.http.request('PATCH', `/threads/${thread.id}`, { title: 'Dibajak' });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('not_author');
      const byModerator = await moderator.http.request('PATCH', `/threads/${thread.id}`, { body: 'x' });
      expect(byModerator.status).toBe(403);
      const own = await sari.http.request('PATCH', `/threads/${thread.id}`, {
        title: 'Lampu jalan mati di Jl. Melati',
        body: 'Sudah **dua** minggu.',
      });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        title: 'Lampu jalan mati di Jl. Melati',
        body: 'Sudah **dua** minggu.',
        editedAt: expect.any(String),
      });
      expect((await http.get(`/threads/${thread.id}`)).body.title).toBe('Lampu jalan mati di Jl. Melati');
      expect(fieldsOf((await sari.http.request('PATCH', `/threads/${thread.id}`, {})).body).size).toBe(1);
      const bad = await sari.http.request('PATCH', `/threads/${thread.id}`, { title: 'ab', body: '', kind: 'idea' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(new Set(['title', 'body', 'kind']));
    });
    it('documents the forum and consultation routes in OpenAPI', async () => {
      const document = (await (await fetch(`${testApp.url}/api/docs-json`)).json()) as { paths: Record<string, object> };
      for (const path of [
        '/api/v1/threads',
        '/api/v1/threads/{id}',
        '/api/v1/threads/{id}/posts',
        '/api/v1/threads/{id}/support',
        '/api/v1/posts/{id}',
        '/api/v1/consultations',
        '/api/v1/consultations/{id}',
      ]) {
        expect(document.paths).toHaveProperty([path]);
      }
      expect(Object.keys(document.paths['/api/v1/threads/{id}/support'])).toEqual(expect.arrayContaining(['put', 'delete']));
    });
  });

  describe('posts', () => {
    it('adds posts (official flag by role), counts them and lists them oldest first with a cursor', async () => {
      const thread = await newThread(sari, { kind: 'question', title: 'Berapa anggarannya?' });
      const first = await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Saya juga ingin tahu.' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        threadId: thread.id,
        body: 'Saya juga ingin tahu.',
        author: { id: budi.id, displayName: 'Budi Santoso' },
        official: false,
        status: 'visible',
        createdAt: expect.any(String),
        editedAt: null,
      });
      const answer = await official.http.post(`/threads/${thread.id}/posts`, { body: 'Anggarannya **Rp 2,4 miliar**.' });
      expect(answer.body.official).toBe(true);
      expect(answer.body.author).toEqual({ id: official.id, displayName: 'Kantor Walikota' });
      const byModerator = await moderator.http.post(`/threads/${thread.id}/posts`, { body: 'Mohon tetap sopan.' });
      expect(byModerator.body.official).toBe(false);
      for (let i = 0; i < 3; i++) await sari.http.post(`/threads/${thread.id}/posts`, { body: `Tambahan ${i}` });
      expect((await http.get(`/threads/${thread.id}`)).body.postCount).toBe(6);

      const page1 = await http.get(`/threads/${thread.id}/posts?limit=4`);
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((p: { body: string }) => p.body)).toEqual([
        'Saya juga ingin tahu.',
        'Anggarannya **Rp 2,4 miliar**.',
        'Mohon tetap sopan.',
        'Tambahan 0',
      ]);
      const page2 = await http.get(`/threads/${thread.id}/posts?limit=4&cursor=${page1.body.nextCursor}`);
      expect(page2.body.items.map((p: { body: string }) => p.body)).toEqual(['Tambahan 1', 'Tambahan 2']);
      expect(page2.body.nextCursor).toBeNull();
    });

    it('checks post bodies: empty, too long, wrong type, unknown fields', async () => {
      const thread = await newThread(sari);
      for (const body of [{ body: '' }, { body: 'x'.repeat(20_001) }, { body: 5 }, {}]) {
        const res = await sari.http.post(`/threads/${thread.id}/posts`, body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(new Set(['body']));
      }
      const extra = await sari.http.post(`/threads/${thread.id}/posts`, { body: 'ok', official: true });
      expect(extra.status).toBe(400);
      expect(fieldsOf(extra.body)).toEqual(new Set(['official']));
      const guest = await createGuest(testApp);
      expect((await guest.http.post(`/threads/${thread.id}/posts`, { body: 'halo' })).status).toBe(403);
      expect((await sari.http.post(`/threads/${thread.id}/posts`, { body: 'x'.repeat(20_000) })).status).toBe(201);
    });

    it('lets only the author edit a post: a citizen editing another’s post gets 403', async () => {
      const thread = await newThread(sari);
      const post = (await sari.http.post(`/threads/${thread.id}/posts`, { body: 'Versi pertama' })).body;
      const other = await budi.http.request('PATCH', `/posts/${post.id}`, { body: 'Diubah orang lain' });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('not_author');
      const own = await sari.http.request('PATCH', `/posts/${post.id}`, { body: 'Versi kedua' });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: post.id, body: 'Versi kedua', editedAt: expect.any(String) });
      expect((await sari.http.request('PATCH', `/posts/${post.id}`, { body: '' })).status).toBe(400);
      expect((await sari.http.request('PATCH', `/posts/${UNKNOWN_ID}`, { body: 'x' })).status).toBe(404);
      const listed = await http.get(`/threads/${thread.id}/posts`);
      expect(listed.body.items[0].body).toBe('Versi kedua');
    });

    it('hides a hidden post from the public and keeps postCount to visible posts', async () => {
      const thread = await newThread(sari);
      const post = (await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Kata kasar' })).body;
      await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Kata baik' });
      await setPostStatus(post.id, 'hidden');
      expect((await http.get(`/threads/${thread.id}`)).body.postCount).toBe(1);
      expect((await http.get(`/threads/${thread.id}/posts`)).body.items.map((p: { body: string }) => p.body)).toEqual(['Kata baik']);
      expect((await moderator.http.get(`/threads/${thread.id}/posts`)).body.items).toHaveLength(2);
      expect((await budi.http.request('PATCH', `/posts/${post.id}`, { body: 'Maaf' })).status).toBe(404);
      await setPostStatus(post.id, 'visible');
      expect((await http.get(`/threads/${thread.id}`)).body.postCount).toBe(2);
    });
  });

  describe('hidden and pending threads', () => {
    it('leaves a hidden thread out of lists, 404s it for non-moderators and refuses input with 409', async () => {
      const thread = await newThread(sari, { title: 'Akan disembunyikan' });
      const post = (await sari.http.post(`/threads/${thread.id}/posts`, { body: 'Sebelum' })).body;
      await sari.http.put(`/threads/${thread.id}/support`);
      await setThreadStatus(thread.id, 'hidden');
      const list = await http.get('/threads?limit=100');
      expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(thread.id);
      expect((await http.get(`/threads/${thread.id}`)).status).toBe(404);
      expect((await sari.http.get(`/threads/${thread.id}`)).status).toBe(404);
      expect((await http.get(`/threads/${thread.id}/posts`)).status).toBe(404);
      const asModerator = await moderator.http.get(`/threads/${thread.id}`);
      expect(asModerator.status).toBe(200);
      expect(asModerator.body.status).toBe('hidden');
      const support = await budi.http.put(`/threads/${thread.id}/support`);
      expect(support.status).toBe(409);
      expect(support.body.code).toBe('thread_not_visible');
      expect((await sari.http.delete(`/threads/${thread.id}/support`)).status).toBe(409);
      expect((await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Sesudah' })).status).toBe(409);
      expect((await sari.http.request('PATCH', `/posts/${post.id}`, { body: 'x' })).status).toBe(404);
      expect((await moderator.http.get(`/threads/${thread.id}`)).body.postCount).toBe(1);
    });

    it('refuses supports and posts on a pending thread with 409; its author still sees it', async () => {
      const thread = await newThread(sari, { title: 'Menunggu moderasi' });
      await setThreadStatus(thread.id, 'pending');
      expect((await sari.http.get(`/threads/${thread.id}`)).status).toBe(200);
      expect((await budi.http.get(`/threads/${thread.id}`)).status).toBe(404);
      expect((await budi.http.put(`/threads/${thread.id}/support`)).status).toBe(409);
      expect((await budi.http.post(`/threads/${thread.id}/posts`, { body: 'x' })).status).toBe(409);
      await setThreadStatus(thread.id, 'visible');
      expect((await budi.http.put(`/threads/${thread.id}/support`)).status).toBe(200);
    });
  });

  describe('supports', () => {
    it('is idempotent and counts one support per citizen under 20 parallel PUTs', async () => {
      const thread = await newThread(sari);
      const results = await Promise.all(Array.from({ length: 20 }, () => budi.http.put(`/threads/${thread.id}/support`)));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(results.every((r) => r.body.supported === true)).toBe(true);
      expect((await http.get(`/threads/${thread.id}`)).body.supports).toBe(1);
      expect((await budi.http.get(`/threads/${thread.id}`)).body.supported).toBe(true);
      const again = await budi.http.put(`/threads/${thread.id}/support`);
      expect(again.body).toEqual({ supports: 1, supported: true });
      const removed = await Promise.all(Array.from({ length: 5 }, () => budi.http.delete(`/threads/${thread.id}/support`)));
      expect(removed.every((r) => r.status === 200 && r.body.supported === false)).toBe(true);
      expect(await budi.http.delete(`/threads/${thread.id}/support`).then((r) => r.body)).toEqual({ supports: 0, supported: false });
    });

    it('counts 10 citizens supporting in parallel as 10', async () => {
      const thread = await newThread(sari);
      const citizens = await Promise.all(Array.from({ length: 10 }, (_, i) => createAccount(testApp, 'citizen', `Warga ${i}`)));
      const results = await Promise.all(citizens.map((c) => c.http.put(`/threads/${thread.id}/support`)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(Math.max(...results.map((r) => r.body.supports))).toBe(10);
      expect((await http.get(`/threads/${thread.id}`)).body.supports).toBe(10);
      const rows = await testApp.database!.query<{ n: string }>('select count(*) as n from forum_thread_supports where thread_id = $1', [
        thread.id,
      ]);
      expect(Number(rows[0].n)).toBe(10);
      await Promise.all(citizens.slice(0, 4).map((c) => c.http.delete(`/threads/${thread.id}/support`)));
      expect((await http.get(`/threads/${thread.id}`)).body.supports).toBe(6);
    });

    it('refuses guests (403) and anonymous callers (401)', async () => {
      const thread = await newThread(sari);
      const guest = await createGuest(testApp);
      expect((await guest.http.put(`/threads/${thread.id}/support`)).status).toBe(403);
      expect((await http.put(`/threads/${thread.id}/support`)).status).toBe(401);
    });
  });

  describe('consultations', () => {
    it('counts threads, posts and participants into the consultation, and refuses input once it is not open (409)', async () => {
      const consultationId = await newConsultation('Kawasan Budaya Kota Lama');
      const thread = await newThread(sari, { consultationId, kind: 'idea', title: 'Festival kuliner' });
      await newThread(budi, { consultationId, kind: 'discussion', title: 'Parkir' });
      await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Setuju!' });
      await official.http.post(`/threads/${thread.id}/posts`, { body: 'Terima kasih atas usulnya.' });
      const supporter = await createAccount(testApp, 'citizen', 'Pendukung');
      await supporter.http.put(`/threads/${thread.id}/support`);
      const hidden = await newThread(supporter, { consultationId, title: 'Disembunyikan' });
      await setThreadStatus(hidden.id, 'hidden');
      const consultation = await http.get(`/consultations/${consultationId}`);
      expect(consultation.body.counts).toEqual({ threads: 2, posts: 2, polls: 0, liveSessions: 0, participants: 4 });
      const listed = await http.get('/consultations?limit=100');
      expect(listed.body.items.find((c: { id: string }) => c.id === consultationId).counts.threads).toBe(2);

      const post = (await sari.http.post(`/threads/${thread.id}/posts`, { body: 'Sebelum ditutup' })).body;
      await testApp.database!.query(`update consultations set status = 'closed' where id = $1`, [consultationId]);
      const newOne = await sari.http.post('/threads', { title: 'Terlambat', body: 'x', kind: 'idea', consultationId });
      expect(newOne.status).toBe(409);
      expect(newOne.body.code).toBe('consultation_not_open');
      expect((await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Terlambat' })).status).toBe(409);
      expect((await budi.http.put(`/threads/${thread.id}/support`)).status).toBe(409);
      expect((await supporter.http.delete(`/threads/${thread.id}/support`)).status).toBe(409);
      expect((await sari.http.request('PATCH', `/posts/${post.id}`, { body: 'Diubah' })).status).toBe(409);
      expect((await sari.http.request('PATCH', `/threads/${thread.id}`, { title: 'Diubah' })).status).toBe(409);
      const after = await http.get(`/threads/${thread.id}`);
      expect(after.body).toMatchObject({ supports: 1, postCount: 3, title: 'Festival kuliner' });
    });
  });

  describe('lists', () => {
    let consultationId: string;
    const ids: string[] = [];

    beforeAll(async () => {
      consultationId = await newConsultation('Daftar');
      const kinds = ['idea', 'question', 'complaint', 'discussion'];
      for (let i = 0; i < 12; i++) {
        ids.push((await newThread(sari, { consultationId, kind: kinds[i % 4], title: `Utas nomor ${i}` })).id);
      }
      // Supports: thread i gets (i % 4) supporters, so `top` has ties broken by id.
      const citizens = await Promise.all([0, 1, 2].map((i) => createAccount(testApp, 'citizen', `Pendukung ${i}`)));
      for (let i = 0; i < ids.length; i++) {
        for (let s = 0; s < i % 4; s++) await citizens[s].http.put(`/threads/${ids[i]}/support`);
      }
    });

    const walk = async (path: string, limit: number) => {
      const seen: { id: string; supports: number; kind: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { items: typeof seen; nextCursor: string | null } } = await http.get(
          `${path}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      return seen;
    };

    it('pages through recent threads newest first with no gaps or repeats', async () => {
      const seen = await walk(`/threads?consultationId=${consultationId}`, 5);
      expect(seen.map((t) => t.id)).toEqual([...ids].reverse());
    });

    it('pages through top threads by supports, ties by newest', async () => {
      const seen = await walk(`/threads?consultationId=${consultationId}&sort=top`, 5);
      const expected = ids.map((id, i) => ({ id, supports: i % 4 })).sort((a, b) => b.supports - a.supports || (a.id < b.id ? 1 : -1));
      expect(seen.map((t) => [t.id, t.supports])).toEqual(expected.map((t) => [t.id, t.supports]));
    });

    it('filters by kind and by consultation', async () => {
      const ideas = await walk(`/threads?consultationId=${consultationId}&kind=idea`, 2);
      expect(ideas.map((t) => t.id)).toEqual([ids[8], ids[4], ids[0]]);
      const none = await http.get(`/threads?consultationId=${UNKNOWN_ID}`);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('rejects bad list parameters with a 400 naming the field', async () => {
      const cases: [string, string][] = [
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=abc', 'limit'],
        ['cursor=not-a-cursor', 'cursor'],
        [`cursor=${Buffer.from('["top",1,"x"]').toString('base64url')}`, 'cursor'],
        ['kind=rant', 'kind'],
        ['sort=best', 'sort'],
        ['consultationId=taman', 'consultationId'],
        [`q=${'a'.repeat(201)}`, 'q'],
        ['owner=me', 'owner'],
      ];
      for (const [query, field] of cases) {
        const res = await http.get(`/threads?${query}`);
        expect([query, res.status]).toEqual([query, 400]);
        expect(fieldsOf(res.body)).toEqual(new Set([field]));
      }
      const top = await http.get(`/threads?consultationId=${consultationId}&sort=top&limit=2`);
      const mixed = await http.get(`/threads?consultationId=${consultationId}&cursor=${top.body.nextCursor}`);
      expect(mixed.status).toBe(400);
      expect((await http.get(`/threads/${ids[0]}/posts?cursor=zzz`)).status).toBe(400);
      expect((await http.get(`/threads/${ids[0]}/posts?limit=101`)).status).toBe(400);
    });
  });

  describe('search', () => {
    let park: string;
    let lighting: string;
    let drainage: string;

    beforeAll(async () => {
      park = (
        await newThread(budi, {
          kind: 'idea',
          title: 'Pertamanan di pinggir sungai',
          body: 'Taman-taman kecil dengan pepohonan rindang di sepanjang bantaran.',
        })
      ).id;
      lighting = (
        await newThread(budi, {
          kind: 'complaint',
          title: 'Street lights are broken',
          body: 'The lighting near the market has been off for weeks.',
        })
      ).id;
      drainage = (
        await newThread(budi, { kind: 'complaint', title: 'Saluran air mampet', body: 'Drainase di Jalan Kenanga banjir setiap hujan.' })
      ).id;
    });

    const search = async (q: string, extra = '') => {
      const res = await http.get(`/threads?q=${encodeURIComponent(q)}&limit=100${extra}`);
      expect(res.status).toBe(200);
      return res.body.items.map((t: { id: string }) => t.id) as string[];
    };

    it('finds Indonesian word forms through the indonesian stemmer (taman → pertamanan, taman-taman)', async () => {
      const found = await search('taman');
      expect(found).toContain(park);
      expect(found).not.toContain(lighting);
      expect(found).not.toContain(drainage);
      expect(await search('pohon')).toContain(park); // pepohonan
    });

    it('finds English word forms through the english stemmer (light → lights, lighting)', async () => {
      const found = await search('light');
      expect(found).toContain(lighting);
      expect(found).not.toContain(park);
      expect(await search('"street lights" -market')).not.toContain(lighting);
    });

    it('combines search with filters and sorts, and finds nothing for an unrelated word', async () => {
      expect(await search('banjir', '&kind=complaint')).toEqual([drainage]);
      expect(await search('banjir', '&kind=idea')).toEqual([]);
      expect(await search('banjir', '&sort=top')).toEqual([drainage]);
      expect(await search('xylofonzz')).toEqual([]);
      expect(await search('dan yang')).toEqual([]); // only stop words
      expect(await search('   ')).toEqual(expect.arrayContaining([park, lighting, drainage])); // blank q: no filter
    });

    it('pages through relevance-ordered results with a cursor', async () => {
      const first = await http.get('/threads?q=pohon%20OR%20light%20OR%20banjir&limit=2');
      expect(first.body.items).toHaveLength(2);
      const second = await http.get(`/threads?q=pohon%20OR%20light%20OR%20banjir&limit=2&cursor=${first.body.nextCursor}`);
      const all = [...first.body.items, ...second.body.items].map((t: { id: string }) => t.id);
      expect(new Set(all)).toEqual(new Set([park, lighting, drainage]));
      expect(second.body.nextCursor).toBeNull();
    });
  });
});
