import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { ModerationActionEvent } from '@balai/moderation';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { collect, connectLive, createLiveSession, emitAck, LiveClient, once, waitFor } from './live-helpers';

/** The moderation queue, reports, banned words, merge, hall questions and sanctions, over HTTP and /live. */
describe('moderation (PostgreSQL)', () => {
  let testApp: TestApp;
  let moderator: TestAccount;
  let moderator2: TestAccount;
  let admin: TestAccount;
  let sari: TestAccount;
  const actions: ModerationActionEvent[] = [];
  const sockets: LiveClient[] = [];
  const connect = async (token: string) => {
    const socket = await connectLive(testApp, token);
    sockets.push(socket);
    return socket;
  };

  const newThread = async (account: TestAccount, body = 'Perlu ayunan baru di taman.') => {
    const res = await account.http.post('/threads', { title: 'Taman bermain', body, kind: 'idea' });
    expect(res.status).toBe(201);
    return res.body;
  };
  const newPost = async (account: TestAccount, threadId: string, body = 'Setuju, dan bangku juga.') => {
    const res = await account.http.post(`/threads/${threadId}/posts`, { body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const pendingItems = async (query = '') => (await moderator.http.get(`/moderation/items?status=pending${query}`)).body.items as any[];
  const itemFor = async (targetId: string) => {
    let found: any;
    await waitFor(async () => {
      found = (await pendingItems()).find((item) => item.target.id === targetId);
      return found !== undefined;
    }, `a queue item for ${targetId}`);
    return found;
  };

  beforeAll(async () => {
    testApp = await createTestApp({ env: { REPORTS_PER_MINUTE: '4' } });
    moderator = await createAccount(testApp, 'moderator', 'Rina');
    moderator2 = await createAccount(testApp, 'moderator', 'Yusuf');
    admin = await createAccount(testApp, 'admin', 'Admin Kota');
    sari = await createAccount(testApp, 'citizen', 'Sari');
    testApp.app.get(EventEmitter2).on('moderation.action', (event: ModerationActionEvent) => actions.push(event));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp?.close();
  });

  it('refuses every moderation route to citizens and guests (403), and the city lists to moderators', async () => {
    const guest = await createGuest(testApp);
    const id = randomUUID();
    for (const account of [sari, guest]) {
      expect((await account.http.get('/moderation/items')).status).toBe(403);
      expect((await account.http.post(`/moderation/items/${id}/claim`)).status).toBe(403);
      expect((await account.http.post(`/moderation/items/${id}/resolve`, { action: 'approve' })).status).toBe(403);
      expect((await account.http.get('/moderation/log')).status).toBe(403);
      expect((await account.http.put(`/users/${id}/suspension`, { reason: 'x' })).status).toBe(403);
      expect((await account.http.put(`/live-sessions/${id}/mutes/${id}`, { reason: 'x' })).status).toBe(403);
      expect((await account.http.post(`/live-sessions/${id}/questions`, { text: 'x', source: 'hall' })).status).toBe(403);
    }
    expect((await moderator.http.put('/moderation/banned-words', { id: [], en: [] })).status).toBe(403);
  });

  it('claims: exactly one of two concurrent claims wins; the other moderator gets 409 until it is resolved', async () => {
    const thread = await newThread(sari, 'Dasar b4ngs4t semua pejabat');
    expect(thread.status).toBe('pending');
    const item = await itemFor(thread.id);
    expect(item).toMatchObject({ type: 'flag', status: 'pending', target: { type: 'thread', id: thread.id } });
    expect(item.reasons).toEqual(expect.arrayContaining(['banned_words', 'bangsat']));

    const [a, b] = await Promise.all([
      moderator.http.post(`/moderation/items/${item.id}/claim`),
      moderator2.http.post(`/moderation/items/${item.id}/claim`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [moderator, moderator2] : [moderator2, moderator];
    const refused = a.status === 200 ? b : a;
    expect(refused.body.code).toBe('item_claimed');
    expect((await winner.http.post(`/moderation/items/${item.id}/claim`)).status).toBe(200);
    expect((await loser.http.post(`/moderation/items/${item.id}/resolve`, { action: 'reject', reason: 'abuse' })).status).toBe(409);

    const resolved = await winner.http.post(`/moderation/items/${item.id}/resolve`, { action: 'reject', reason: 'abuse', note: 'kasar' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'reject', claimedBy: null });
    expect((await winner.http.post(`/moderation/items/${item.id}/resolve`, { action: 'reject', reason: 'abuse' })).body.code).toBe(
      'item_resolved',
    );
    expect((await loser.http.post(`/moderation/items/${item.id}/claim`)).status).toBe(409);
    expect((await sari.http.get(`/threads/${thread.id}`)).status).toBe(404);
    const event = actions.find((action) => action.target.id === thread.id);
    expect(event).toMatchObject({ action: 'reject', reasonCode: 'abuse', notifyUserId: sari.id, target: { type: 'thread' } });
  });

  it('refuses unknown actions and reason codes, and a reject without a reason', async () => {
    const thread = await newThread(sari, 'Pemerintah goblok');
    const item = await itemFor(thread.id);
    for (const body of [{ action: 'delete' }, { action: 'hide', reason: 'ugly' }, { action: 'hide' }, { action: 'approve', extra: 1 }]) {
      const res = await moderator.http.post(`/moderation/items/${item.id}/resolve`, body);
      expect(res.status).toBe(400);
    }
    expect((await moderator.http.post(`/moderation/items/${randomUUID()}/claim`)).status).toBe(404);
    // Approving makes the flagged thread public.
    expect((await moderator.http.post(`/moderation/items/${item.id}/resolve`, { action: 'approve' })).status).toBe(200);
    expect((await sari.http.get(`/threads/${thread.id}`)).body.status).toBe('visible');
  });

  it('screens text: evasions wait as pending, innocent words go public', async () => {
    const innocent = await newThread(sari, 'Pantai dan Scunthorpe: assessment kebangsaan, sampah di pasar, analisis cokelat');
    expect(innocent.status).toBe('visible');
    const evasive = await newThread(sari, 'what the fuuuck');
    expect(evasive.status).toBe('pending');
    const visible = await newThread(sari);
    const post = await newPost(sari, visible.id, 'Kamu G0BL0K!');
    expect(post.status).toBe('pending');
    expect((await sari.http.get(`/threads/${visible.id}`)).body.postCount).toBe(0);
    expect((await itemFor(post.id)).type).toBe('flag');
    const listed = (await sari.http.get(`/threads/${visible.id}/posts`)).body.items;
    expect(listed.map((p: any) => p.id)).not.toContain(post.id);
  });

  it('extends the lists per city (admin), and the words take effect at once', async () => {
    expect((await admin.http.put('/moderation/banned-words', { id: ['pungli'], en: ['grifter'] })).status).toBe(200);
    const lists = await moderator.http.get('/moderation/banned-words');
    expect(lists.body).toMatchObject({ id: ['pungli'], en: ['grifter'] });
    expect(lists.body.shipped.id).toContain('bangsat');
    expect(lists.body.shipped.id).not.toContain('sampah');
    expect((await newThread(sari, 'Ada PUNGLI di kantor')).status).toBe('pending');
    expect((await admin.http.put('/moderation/banned-words', { id: ['<script>'], en: [] })).status).toBe(400);
  });

  it('reports: one per reporter, unknown targets 404, three reporters hide the target, dismiss restores it', async () => {
    const thread = await newThread(sari);
    const post = await newPost(sari, thread.id);
    const reporters = [await createGuest(testApp, 'A'), await createGuest(testApp, 'B'), await createAccount(testApp, 'citizen', 'C')];
    const report = (account: TestAccount, body: Record<string, unknown>) => account.http.post('/reports', body);

    expect((await report(reporters[0], { targetType: 'post', targetId: randomUUID(), reason: 'spam' })).status).toBe(404);
    expect((await report(reporters[0], { targetType: 'poll', targetId: post.id, reason: 'spam' })).status).toBe(400);
    expect((await report(reporters[0], { targetType: 'post', targetId: post.id, reason: 'rude' })).status).toBe(400);
    expect((await report(reporters[0], { targetType: 'post', targetId: post.id, reason: 'spam' })).status).toBe(201);
    expect((await report(reporters[0], { targetType: 'post', targetId: post.id, reason: 'abuse' })).body.code).toBe('already_reported');
    expect((await report(reporters[1], { targetType: 'post', targetId: post.id, reason: 'abuse' })).status).toBe(201);
    const publicPosts = async () => (await sari.http.get(`/threads/${thread.id}/posts`)).body.items.map((p: any) => p.id);
    expect(await publicPosts()).toContain(post.id);
    expect((await report(reporters[2], { targetType: 'post', targetId: post.id, reason: 'abuse', note: 'kasar' })).status).toBe(201);
    expect(await publicPosts()).not.toContain(post.id);

    const item = await itemFor(post.id);
    expect(item).toMatchObject({ type: 'report', reportCount: 3, reasons: ['abuse', 'spam'], link: `/threads/${thread.id}` });
    const mostReported = await pendingItems('&type=report&sort=most_reported');
    expect(mostReported[0].id).toBe(item.id);
    expect((await moderator.http.post(`/moderation/items/${item.id}/resolve`, { action: 'dismiss' })).status).toBe(200);
    expect(await publicPosts()).toContain(post.id);
    expect((await sari.http.get(`/threads/${thread.id}`)).body.postCount).toBe(1);
  });

  it('rate-limits a flood of reports from one participant', async () => {
    const flooder = await createGuest(testApp, 'Banjir');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const thread = await newThread(sari, `Ide nomor ${i}`);
      statuses.push((await flooder.http.post('/reports', { targetType: 'thread', targetId: thread.id, reason: 'spam' })).status);
    }
    expect(statuses.slice(0, 4)).toEqual([201, 201, 201, 201]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });

  it('pages the queue with cursors and filters by type', async () => {
    const first = await moderator.http.get('/moderation/items?status=pending&type=flag&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await moderator.http.get(`/moderation/items?status=pending&type=flag&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items[0].type).toBe('flag');
    expect((await moderator.http.get('/moderation/items?type=everything')).status).toBe(400);
    expect((await moderator.http.get('/moderation/items?cursor=nonsense')).status).toBe(400);
  });

  describe('live', () => {
    let session: any;
    let mod: LiveClient;

    beforeAll(async () => {
      session = await createLiveSession(moderator, { preModeration: false });
      mod = await connect(moderator.token);
      expect((await emitAck(mod, 'session:join', { sessionId: session.id })).ok).toBe(true);
    });

    const ask = async (socket: LiveClient, text: string) =>
      emitAck(socket, 'question:ask', { sessionId: session.id, text, clientRequestId: randomUUID() });

    it('holds back a question with a banned word; the moderators get moderation:item, the desk resolves it', async () => {
      const author = await connect((await createGuest(testApp, 'Pak Budi')).token);
      await emitAck(author, 'session:join', { sessionId: session.id });
      const item = once(mod, 'moderation:item');
      const asked = await ask(author, 'Walikota bangsaaaat');
      expect(asked.data.question.status).toBe('pending');
      expect((await item).itemId).toBe(asked.data.question.id);
      const queued = await itemFor(asked.data.question.id);
      expect(queued).toMatchObject({ id: asked.data.question.id, type: 'flag', sessionId: session.id });
      const filtered = await pendingItems(`&sessionId=${session.id}`);
      expect(filtered.map((i) => i.id)).toContain(queued.id);
      const resolved = once(mod, 'moderation:resolved');
      expect((await moderator.http.post(`/moderation/items/${queued.id}/resolve`, { action: 'reject', reason: 'abuse' })).status).toBe(200);
      expect((await resolved).itemId).toBe(queued.id);
      const listed = await moderator.http.get(`/live-sessions/${session.id}/questions?status=rejected`);
      expect(listed.body.items.map((q: any) => q.id)).toContain(asked.data.question.id);
    });

    it('merges a question into another: each upvoter counts once, the merged one leaves pointing at the target', async () => {
      const people = await Promise.all(['A', 'B', 'C', 'D'].map(async (name) => connect((await createGuest(testApp, name)).token)));
      for (const socket of people) await emitAck(socket, 'session:join', { sessionId: session.id });
      const target = (await ask(people[0], 'Kapan taman dibuka?')).data.question;
      const duplicate = (await ask(people[1], 'Taman kapan dibuka ya?')).data.question;
      // A and B upvote the target; B, C and D the duplicate: B counts once, so the target ends with 4.
      for (const socket of [people[0], people[1]])
        expect((await emitAck(socket, 'question:upvote', { questionId: target.id })).ok).toBe(true);
      for (const socket of [people[1], people[2], people[3]])
        expect((await emitAck(socket, 'question:upvote', { questionId: duplicate.id })).ok).toBe(true);
      await waitFor(async () => {
        const top = await moderator.http.get(`/live-sessions/${session.id}/questions?sort=top`);
        const byId = Object.fromEntries(top.body.items.map((q: any) => [q.id, q.upvotes]));
        return byId[target.id] === 2 && byId[duplicate.id] === 3;
      }, 'the upvotes to commit');

      const bystander = people[3];
      const updates = collect(bystander, 'question:updated');
      const votes = collect(bystander, 'question:votes');
      const bad = [
        { questionId: duplicate.id, action: 'merge' },
        { questionId: duplicate.id, action: 'merge', intoQuestionId: duplicate.id },
        { questionId: duplicate.id, action: 'merge', intoQuestionId: 'nope' },
      ];
      for (const payload of bad) expect((await emitAck(mod, 'question:moderate', payload)).error.code).toBe('validation');
      const other = await createLiveSession(moderator, { preModeration: false });
      const elsewhere = await moderator.http.post(`/live-sessions/${other.id}/questions`, { text: 'Di sesi lain', source: 'card' });
      const across = await emitAck(mod, 'question:moderate', {
        questionId: duplicate.id,
        action: 'merge',
        intoQuestionId: elsewhere.body.id,
      });
      expect(across.error.code).toBe('validation');

      const merged = await emitAck(mod, 'question:moderate', { questionId: duplicate.id, action: 'merge', intoQuestionId: target.id });
      expect(merged.ok).toBe(true);
      expect(merged.data.question).toMatchObject({ status: 'merged', mergedInto: target.id });
      await waitFor(() => updates.some((u) => u.question.id === duplicate.id && u.question.status === 'merged'), 'question:updated merged');
      expect(updates.find((u) => u.question.id === duplicate.id).question.mergedInto).toBe(target.id);
      await waitFor(() => votes.some((v) => v.counts[target.id] === 4), 'the target count of 4 in question:votes');
      const top = await moderator.http.get(`/live-sessions/${session.id}/questions?sort=top`);
      expect(top.body.items.find((q: any) => q.id === target.id).upvotes).toBe(4);
      // Upvoting the target again changes nothing for someone who came with the merge.
      expect((await emitAck(people[2], 'question:upvote', { questionId: target.id })).ok).toBe(true);
      const again = await moderator.http.get(`/live-sessions/${session.id}/questions?sort=top`);
      expect(again.body.items.find((q: any) => q.id === target.id).upvotes).toBe(4);
      // Merging twice is a conflict.
      expect(
        (await emitAck(mod, 'question:moderate', { questionId: duplicate.id, action: 'merge', intoQuestionId: target.id })).error.code,
      ).toBe('conflict');
      const logged = await moderator.http.get('/moderation/log');
      expect(logged.body.items.find((e: any) => e.action === 'merge')).toMatchObject({
        target: { id: duplicate.id },
        moderator: { displayName: 'Rina' },
      });
    });

    it('adds a question from the hall, approved at once with its source', async () => {
      const listener = await connect((await createGuest(testApp, 'Hadirin')).token);
      await emitAck(listener, 'session:join', { sessionId: session.id });
      const arrived = once(listener, 'question:new');
      const created = await moderator.http.post(`/live-sessions/${session.id}/questions`, { text: 'Dari kartu: parkir?', source: 'card' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'approved', source: 'card', author: { displayName: 'Rina' } });
      expect((await arrived).question).toMatchObject({ id: created.body.id, source: 'card', author: null });
      const bad = await moderator.http.post(`/live-sessions/${session.id}/questions`, { text: 'x', source: 'app' });
      expect(bad.status).toBe(400);
      expect((await moderator.http.post(`/live-sessions/${randomUUID()}/questions`, { text: 'x', source: 'hall' })).status).toBe(404);
    });

    it('mutes a participant in the session: their asks are refused with "muted", until lifted', async () => {
      const guest = await createGuest(testApp, 'Ribut');
      const socket = await connect(guest.token);
      await emitAck(socket, 'session:join', { sessionId: session.id });
      expect((await moderator.http.put(`/live-sessions/${session.id}/mutes/${guest.id}`, { minutes: 10 })).status).toBe(400);
      const muted = await moderator.http.put(`/live-sessions/${session.id}/mutes/${guest.id}`, { minutes: 10, reason: 'Mengganggu' });
      expect(muted.status).toBe(200);
      const refused = await ask(socket, 'Boleh bertanya?');
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', detail: 'muted' } });
      expect((await moderator.http.delete(`/live-sessions/${session.id}/mutes/${guest.id}`)).status).toBe(204);
      expect((await moderator.http.delete(`/live-sessions/${session.id}/mutes/${guest.id}`)).status).toBe(404);
      expect((await ask(socket, 'Boleh bertanya sekarang?')).ok).toBe(true);
      const log = (await moderator.http.get('/moderation/log')).body.items.map((e: any) => e.action);
      expect(log).toEqual(expect.arrayContaining(['mute', 'unmute']));
    });

    it('suspends an account: its sessions end, a new sign-in reads but writes 403, sockets closed and refused; lifting restores it', async () => {
      const citizen = await createAccount(testApp, 'citizen', 'Nakal');
      const socket = await connect(citizen.token);
      await emitAck(socket, 'session:join', { sessionId: session.id });
      const closed = once(socket, 'disconnect');
      expect((await moderator.http.put(`/users/${admin.id}/suspension`, { reason: 'x' })).status).toBe(403);
      expect((await moderator.http.put(`/users/${randomUUID()}/suspension`, { reason: 'x' })).status).toBe(404);
      const suspended = await moderator.http.put(`/users/${citizen.id}/suspension`, { reason: 'Spam berulang' });
      expect(suspended.status).toBe(200);
      await closed;
      expect((await citizen.http.get('/me')).body.code).toBe('token_revoked');
      const signedIn = await new HttpClient(`${testApp.url}/api/v1`).post('/auth/login', {
        email: citizen.email,
        password: citizen.password,
      });
      const again = citizen.http.as(signedIn.body.accessToken);
      expect((await again.post('/threads', { title: 'Halo', body: 'Isi', kind: 'idea' })).status).toBe(403);
      expect((await again.post('/threads', { title: 'Halo', body: 'Isi', kind: 'idea' })).body.code).toBe('suspended');
      expect((await again.get('/me')).status).toBe(200);
      expect((await again.get('/threads')).status).toBe(200);
      await expect(connectLive(testApp, signedIn.body.accessToken)).rejects.toThrow('suspended');
      expect((await moderator.http.delete(`/users/${citizen.id}/suspension`)).status).toBe(204);
      expect((await again.post('/threads', { title: 'Halo', body: 'Isi', kind: 'idea' })).status).toBe(201);
      const back = await connect(signedIn.body.accessToken);
      expect((await emitAck(back, 'session:join', { sessionId: session.id })).ok).toBe(true);
      const log = (await moderator.http.get('/moderation/log')).body.items;
      expect(log.find((e: any) => e.action === 'suspend')).toMatchObject({
        note: 'Spam berulang',
        target: { type: 'user', id: citizen.id },
      });
      expect(actions.find((a) => a.action === 'suspend')).toMatchObject({ notifyUserId: citizen.id });
    });
  });
});
