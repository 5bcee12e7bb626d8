import { HttpClient } from '@balai/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('Live demo step', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { BALAI_DEMO: 'true' } });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('seeds a started town-hall meeting in the park consultation with approved, upvoted and pending questions', async () => {
    const [session] = await testApp.database!.query<{ id: string; code: string; consultation_id: string | null; status: string }>(
      `select id, code, consultation_id, status from live_sessions where title = 'Rapat Warga: Taman Kota Cempaka'`,
    );
    expect(session).toMatchObject({ status: 'live', consultation_id: expect.any(String) });
    const http = new HttpClient(`${testApp.url}/api/v1`);
    const byCode = await http.get(`/live-sessions/by-code/${session.code}`);
    expect(byCode.body).toMatchObject({ id: session.id, status: 'live', onScreenQuestionId: expect.any(String) });
    const list = await http.get(`/live-sessions/${session.id}/questions?sort=top`);
    expect(list.body.items).toHaveLength(4);
    expect(list.body.items.map((q: { upvotes: number }) => q.upvotes)).toEqual([4, 3, 2, 1]);
    expect(list.body.items[2].author).toBeNull();
    const pending = await testApp.database!.query(`select text from live_questions where session_id = $1 and status = 'pending'`, [
      session.id,
    ]);
    expect(pending).toHaveLength(1);
  });
});
