import { EventEmitter2 } from '@nestjs/event-emitter';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { ForumStatus } from '@balai/contracts';
import { DomainEventName } from '@balai/events';
import { ForumService } from '@balai/forum';
import { createAccount, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

const FORUM_EVENTS = [
  'thread.created',
  'thread.updated',
  'thread.status_changed',
  'thread.supported',
  'thread.unsupported',
  'post.created',
  'post.updated',
  'post.status_changed',
] as const satisfies readonly DomainEventName[];

/** The forum's events reach a listener once their transaction committed, and never for a refused write. */
describe('forum events (PostgreSQL)', () => {
  let testApp: TestApp;
  let official: TestAccount;
  let sari: TestAccount;
  let budi: TestAccount;
  let consultationId: string;
  let heard: [DomainEventName, unknown][];
  /** Whether another connection, asked as each event arrived, finds the thread or post it names. */
  let committedAtDelivery: Promise<boolean>[];
  const listeners = new Map<string, (payload: unknown) => void>();

  const forum = () => testApp.app.get(ForumService);
  const inContext = <T>(work: () => Promise<T>) => RequestContext.create(testApp.app.get(MikroORM).em, work);
  const setThreadStatus = (id: string, status: ForumStatus) => inContext(() => forum().setThreadStatus(id, status));
  const setPostStatus = (id: string, status: ForumStatus) => inContext(() => forum().setPostStatus(id, status));
  const newThread = async (account: TestAccount, fields: Record<string, unknown> = {}) => {
    const res = await account.http.post('/threads', {
      title: 'Taman bermain',
      body: 'Perlu ayunan.',
      kind: 'idea',
      consultationId,
      ...fields,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    official = await createAccount(testApp, 'official', 'Kantor Walikota');
    sari = await createAccount(testApp, 'citizen', 'Sari');
    budi = await createAccount(testApp, 'citizen', 'Budi');
    consultationId = (await official.http.post('/consultations', { title: 'Desain Taman Kota', description: '' })).body.id;
    const emitter = testApp.app.get(EventEmitter2);
    for (const name of FORUM_EVENTS) {
      const listener = (payload: unknown) => {
        heard.push([name, payload]);
        const { postId, threadId } = payload as { postId?: string; threadId: string };
        const [table, id] = postId ? ['forum_posts', postId] : ['forum_threads', threadId];
        committedAtDelivery.push(testApp.database!.query(`select 1 from ${table} where id = $1`, [id]).then((rows) => rows.length === 1));
      };
      listeners.set(name, listener);
      emitter.on(name, listener);
    }
  });
  afterAll(async () => {
    const emitter = testApp.app.get(EventEmitter2);
    for (const [name, listener] of listeners) emitter.off(name, listener);
    await testApp.close();
  });
  beforeEach(() => {
    heard = [];
    committedAtDelivery = [];
  });

  it('announces a new thread and a new post once they committed, with ids, consultation, author and kind', async () => {
    const thread = await newThread(sari);
    expect(heard).toEqual([
      [
        'thread.created',
        {
          threadId: thread.id,
          consultationId,
          authorId: sari.id,
          kind: 'idea',
          status: 'visible',
          title: 'Taman bermain',
          createdAt: expect.any(Date),
        },
      ],
    ]);
    const post = (await official.http.post(`/threads/${thread.id}/posts`, { body: 'Terima kasih.' })).body;
    expect(heard[1]).toEqual([
      'post.created',
      {
        postId: post.id,
        threadId: thread.id,
        consultationId,
        authorId: official.id,
        official: true,
        status: 'visible',
        createdAt: expect.any(Date),
      },
    ]);
    expect(await Promise.all(committedAtDelivery)).toEqual([true, true]);
  });

  it('says nothing for a refused write: a post on a hidden thread, a thread in a closed consultation', async () => {
    const thread = await newThread(sari);
    await setThreadStatus(thread.id, 'hidden');
    heard = [];
    expect((await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Halo?' })).status).toBe(409);
    expect((await budi.http.put(`/threads/${thread.id}/support`)).status).toBe(409);
    const closed = (await official.http.post('/consultations', { title: 'Sudah ditutup', description: '' })).body.id;
    await testApp.database!.query(`update consultations set status = 'closed' where id = $1`, [closed]);
    expect((await sari.http.post('/threads', { title: 'Terlambat', body: 'x', kind: 'idea', consultationId: closed })).status).toBe(409);
    expect(heard).toEqual([]);
  });

  it('drops the events of a write whose transaction rolled back after it was made', async () => {
    const orm = testApp.app.get(MikroORM);
    const principal = { id: sari.id, role: 'citizen' as const, displayName: 'Sari' };
    let threadId = '';
    await expect(
      orm.em.fork().transactional((em) =>
        RequestContext.create(em, async () => {
          threadId = (await forum().createThread({ title: 'Dibatalkan', body: 'x', kind: 'idea', consultationId }, principal)).id;
          throw new Error('the caller changed its mind');
        }),
      ),
    ).rejects.toThrow('the caller changed its mind');
    expect(threadId).not.toBe('');
    expect(heard).toEqual([]);
    expect(await testApp.database!.query('select 1 from forum_threads where id = $1', [threadId])).toEqual([]);
  });

  it('announces a support and its withdrawal only when a row changed', async () => {
    const thread = await newThread(sari);
    heard = [];
    await budi.http.put(`/threads/${thread.id}/support`);
    await budi.http.put(`/threads/${thread.id}/support`);
    await budi.http.delete(`/threads/${thread.id}/support`);
    await budi.http.delete(`/threads/${thread.id}/support`);
    expect(heard).toEqual([
      ['thread.supported', { threadId: thread.id, consultationId, userId: budi.id, supports: 1 }],
      ['thread.unsupported', { threadId: thread.id, consultationId, userId: budi.id, supports: 0 }],
    ]);
  });

  it('announces edits and moderation, the latter only when the status changed', async () => {
    const thread = await newThread(sari);
    const post = (await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Setuju.' })).body;
    heard = [];
    expect((await sari.http.request('PATCH', `/threads/${thread.id}`, { title: 'Taman bermain inklusif' })).status).toBe(200);
    expect((await budi.http.request('PATCH', `/posts/${post.id}`, { body: 'Sangat setuju.' })).status).toBe(200);
    expect(heard).toEqual([
      ['thread.updated', { threadId: thread.id, consultationId, authorId: sari.id, fields: ['title'], editedAt: expect.any(Date) }],
      ['post.updated', { postId: post.id, threadId: thread.id, consultationId, authorId: budi.id, editedAt: expect.any(Date) }],
    ]);

    heard = [];
    await setPostStatus(post.id, 'pending');
    await setPostStatus(post.id, 'pending');
    await setPostStatus(post.id, 'hidden');
    await setThreadStatus(thread.id, 'hidden');
    await setThreadStatus(thread.id, 'hidden');
    const postChange = { postId: post.id, threadId: thread.id, consultationId, authorId: budi.id };
    expect(heard).toEqual([
      ['post.status_changed', { ...postChange, from: 'visible', to: 'pending' }],
      ['post.status_changed', { ...postChange, from: 'pending', to: 'hidden' }],
      ['thread.status_changed', { threadId: thread.id, consultationId, authorId: sari.id, from: 'visible', to: 'hidden' }],
    ]);
  });
});
