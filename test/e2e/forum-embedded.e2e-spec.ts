import { HttpClient } from '@balai/testing';
import { createAccount, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

/** The same forum on embedded PGlite: the indonesian text search configuration and the generated column exist there too. */
describe('forum (embedded PGlite)', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let official: TestAccount;
  let sari: TestAccount;

  beforeAll(async () => {
    testApp = await createTestApp({ embedded: true });
    http = new HttpClient(`${testApp.url}/api/v1`);
    official = await createAccount(testApp, 'official');
    sari = await createAccount(testApp, 'citizen', 'Sari');
  });
  afterAll(() => testApp.close());

  it('searches Indonesian and English word forms, supports, posts and counts', async () => {
    const consultation = await official.http.post('/consultations', { title: 'Desain Taman Kota Cempaka', description: 'Usulkan idemu.' });
    const consultationId = consultation.body.id;
    const park = await sari.http.post('/threads', {
      title: 'Pertamanan ramah anak',
      body: 'Taman-taman dengan pepohonan dan penerangan yang cukup.',
      kind: 'idea',
      consultationId,
    });
    expect(park.status).toBe(201);
    const lights = await sari.http.post('/threads', { title: 'Broken street lights', body: 'The lighting is off.', kind: 'complaint' });
    expect(lights.status).toBe(201);

    const ids = async (q: string) => (await http.get(`/threads?q=${encodeURIComponent(q)}`)).body.items.map((t: { id: string }) => t.id);
    expect(await ids('taman')).toEqual([park.body.id]);
    expect(await ids('pohon')).toEqual([park.body.id]);
    expect(await ids('light')).toEqual([lights.body.id]);

    const supports = await Promise.all(Array.from({ length: 10 }, () => sari.http.put(`/threads/${park.body.id}/support`)));
    expect(supports.every((r) => r.status === 200)).toBe(true);
    expect((await official.http.post(`/threads/${park.body.id}/posts`, { body: 'Terima kasih!' })).body.official).toBe(true);
    const thread = await http.get(`/threads/${park.body.id}`);
    expect(thread.body).toMatchObject({ supports: 1, postCount: 1 });
    const counts = (await http.get(`/consultations/${consultationId}`)).body.counts;
    expect(counts).toMatchObject({ threads: 1, posts: 1, participants: 2 });
    const top = await http.get('/threads?sort=top&limit=1');
    expect(top.body.items[0].id).toBe(park.body.id);
    const next = await http.get(`/threads?sort=top&limit=1&cursor=${top.body.nextCursor}`);
    expect(next.body.items[0].id).toBe(lights.body.id);
  });
});
