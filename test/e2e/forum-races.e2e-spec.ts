import { createAccount, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Races on one thread: a citizen's first post and first support in a consultation, sent at once,
 * took the thread's row and the consultation's participant row in opposite orders and could deadlock
 * (PostgreSQL then aborts one: a 500). Every request must succeed and the counters equal the rows.
 */
describe('forum races', () => {
  let testApp: TestApp;
  let official: TestAccount;
  const citizens: TestAccount[] = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    official = await createAccount(testApp, 'official');
    for (let index = 0; index < 12; index += 1) citizens.push(await createAccount(testApp, 'citizen', `Warga ${index}`));
  }, 90_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it("a citizen's first post and support on a thread, at once, both succeed and are counted once", async () => {
    const consultation = await official.http.post('/consultations', { title: 'Balapan', description: 'Isi' });
    expect(consultation.status).toBe(201);
    const statuses: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const thread = await official.http.post('/threads', {
        title: `Balapan ${round}`,
        body: 'Isi',
        kind: 'idea',
        consultationId: consultation.body.id,
      });
      expect(thread.status).toBe(201);
      const group = citizens.slice(round * 4, round * 4 + 4);
      const answers = await Promise.all(
        group.flatMap((citizen) => [
          citizen.http.post(`/threads/${thread.body.id}/posts`, { body: 'Saya setuju' }),
          citizen.http.put(`/threads/${thread.body.id}/support`),
        ]),
      );
      statuses.push(...answers.map((answer) => `${answer.status}${answer.status >= 500 ? ` ${JSON.stringify(answer.body)}` : ''}`));
      expect(statuses.filter((status) => !['200', '201'].includes(status))).toEqual([]);
      const after = await official.http.get(`/threads/${thread.body.id}`);
      expect({ supports: after.body.supports, postCount: after.body.postCount }).toEqual({ supports: 4, postCount: 4 });
    }
    const counts = await official.http.get(`/consultations/${consultation.body.id}`);
    expect(counts.body.counts.participants).toBe(13);
  }, 60_000);
});
