import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

/** What became of an idea or a complaint: the states, who may change them, the public history and the list filter. */
describe('progress of ideas and complaints (PostgreSQL)', () => {
  let testApp: TestApp;
  let official: TestAccount;
  let sari: TestAccount;

  const newThread = async (kind: string, title = 'Lampu jalan mati') => {
    const res = await sari.http.post('/threads', { title, body: 'Di Jalan Melati.', kind });
    expect(res.status).toBe(201);
    return res.body as { id: string; progress: unknown };
  };
  const step = (id: string, body: Record<string, unknown>, who = official) => who.http.put(`/threads/${id}/progress`, body);

  beforeAll(async () => {
    testApp = await createTestApp();
    official = await createAccount(testApp, 'official', 'Dinas PU');
    sari = await createAccount(testApp, 'citizen', 'Sari');
  });
  afterAll(() => testApp.close());

  it('starts ideas and complaints at received, other kinds at null', async () => {
    const idea = await newThread('idea');
    expect(idea.progress).toEqual({ state: 'received', note: null, changedAt: expect.any(String) });
    expect((await newThread('complaint')).progress).toMatchObject({ state: 'received' });
    expect((await newThread('discussion')).progress).toBeNull();
    expect((await newThread('question')).progress).toBeNull();
    expect((await sari.http.get(`/threads/${idea.id}`)).body.progress.state).toBe('received');
    expect((await sari.http.get(`/threads/${idea.id}/progress`)).body).toEqual([]);
  });

  it('walks received → under_review → accepted → done, with a public history oldest first', async () => {
    const { id } = await newThread('complaint');
    expect((await step(id, { state: 'under_review' })).body.progress).toMatchObject({ state: 'under_review', note: null });
    expect((await step(id, { state: 'accepted', note: 'Dijadwalkan minggu depan' })).body.progress).toMatchObject({
      state: 'accepted',
      note: 'Dijadwalkan minggu depan',
    });
    const done = await step(id, { state: 'done' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id, kind: 'complaint', progress: { state: 'done', note: null } });
    const history = await new HttpClient(`${testApp.url}/api/v1`).get(`/threads/${id}/progress`);
    expect(history.status).toBe(200);
    expect(history.body.map((change: { state: string }) => change.state)).toEqual(['under_review', 'accepted', 'done']);
    expect(history.body[1]).toEqual({
      state: 'accepted',
      note: 'Dijadwalkan minggu depan',
      by: { displayName: 'Dinas PU' },
      at: expect.any(String),
    });
  });

  it('takes not_taken_up with a reason, also straight from received', async () => {
    const { id } = await newThread('idea');
    const missing = await step(id, { state: 'not_taken_up' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
    const blank = await step(id, { state: 'not_taken_up', note: '   ' });
    expect(blank.status).toBe(400);
    const ok = await step(id, { state: 'not_taken_up', note: 'Lahan tidak tersedia' });
    expect(ok.status).toBe(200);
    expect(ok.body.progress).toMatchObject({ state: 'not_taken_up', note: 'Lahan tidak tersedia' });
  });

  it('refuses what the issue lists: other kinds 409, steps not allowed 409, unknown state 400, long note 400, citizens 403', async () => {
    const discussion = await newThread('discussion');
    const other = await step(discussion.id, { state: 'under_review' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('progress_not_applicable');

    const { id } = await newThread('idea');
    for (const state of ['accepted', 'done', 'received']) {
      const res = await step(id, { state });
      expect([state, res.status, res.body.code]).toEqual([state, 409, 'progress_step_not_allowed']);
    }
    const unknown = await step(id, { state: 'finished' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'state' })]);
    expect((await step(id, { state: 'under_review', note: 'x'.repeat(2001) })).status).toBe(400);
    expect((await step(id, { state: 'under_review', extra: 1 })).status).toBe(400);
    expect((await step(id, { state: 'under_review' }, sari)).status).toBe(403);
    expect((await step(id, { state: 'under_review' }, await createAccount(testApp, 'moderator'))).status).toBe(403);
    const guest = await createGuest(testApp);
    expect((await step(id, { state: 'under_review' }, guest)).status).toBe(403);
    expect((await step('00000000-0000-4000-8000-000000000000', { state: 'under_review' })).status).toBe(404);
    // Nothing was half-written: still received, no history.
    expect((await sari.http.get(`/threads/${id}`)).body.progress.state).toBe('received');
    expect((await sari.http.get(`/threads/${id}/progress`)).body).toEqual([]);

    const done = await newThread('idea');
    await step(done.id, { state: 'under_review' });
    await step(done.id, { state: 'accepted' });
    await step(done.id, { state: 'done' });
    expect((await step(done.id, { state: 'under_review' })).status).toBe(409);
  });

  it('filters lists by progress', async () => {
    const accepted = await newThread('idea', 'Filter: taman baca');
    await step(accepted.id, { state: 'under_review' });
    await step(accepted.id, { state: 'accepted' });
    const list = await sari.http.get('/threads?progress=accepted&limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((thread: { progress: { state: string } }) => thread.progress.state === 'accepted')).toBe(true);
    expect(list.body.items.map((thread: { id: string }) => thread.id)).toContain(accepted.id);
    const received = await sari.http.get('/threads?progress=received&limit=100');
    expect(received.body.items.map((thread: { id: string }) => thread.id)).not.toContain(accepted.id);
    expect((await sari.http.get('/threads?progress=somewhere')).status).toBe(400);
  });
});
