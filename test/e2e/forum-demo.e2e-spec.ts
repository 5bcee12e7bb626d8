import { HttpClient } from '@balai/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('demo city: consultations and forum', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { BALAI_DEMO: 'true' } });
    http = new HttpClient(`${testApp.url}/api/v1`);
  });
  afterAll(() => testApp.close());

  it('seeds the open park consultation with threads of every kind, supports and an official answer', async () => {
    const consultations = (await http.get('/consultations?status=open')).body.items as {
      id: string;
      title: string;
      counts: Record<string, number>;
    }[];
    const park = consultations.find((c) => c.title === 'Desain Taman Kota Cempaka');
    expect(park).toBeDefined();
    expect(consultations.map((c) => c.title)).toContain('Kawasan Budaya Kota Lama');
    expect(park!.counts.threads).toBe(6);
    expect(park!.counts.participants).toBeGreaterThanOrEqual(5);

    const threads = (await http.get(`/threads?consultationId=${park!.id}&sort=top&limit=100`)).body.items as {
      id: string;
      kind: string;
      title: string;
      supports: number;
    }[];
    expect(new Set(threads.map((t) => t.kind))).toEqual(new Set(['idea', 'question', 'complaint', 'discussion']));
    expect(threads[0].supports).toBe(3);
    const budget = threads.find((t) => t.kind === 'question')!;
    const posts = (await http.get(`/threads/${budget.id}/posts`)).body.items as { official: boolean; author: { displayName: string } }[];
    expect(posts[0]).toMatchObject({ official: true, author: { displayName: 'Kantor Walikota' } });
    expect((await http.get('/threads?q=drainase')).body.items.map((t: { title: string }) => t.title)).toContain(
      'Drainase di sekitar lahan sering mampet',
    );
  });
});
