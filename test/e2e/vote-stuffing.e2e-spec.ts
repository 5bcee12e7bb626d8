import { randomBytes, randomUUID } from 'node:crypto';
import { HttpClient, TestDatabase } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, emitAck, LiveClient } from './live-helpers';

const randomIpv4 = () => `203.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/**
 * Guest vote stuffing (issue 17): throwaway guests from one address used to move a question from 1 to
 * 31 upvotes. Now at most VOTES_PER_ADDRESS participants from one address upvote one question or vote
 * in one poll, counted in Redis across two processes; the hall still gets its guests in.
 */
describe('vote stuffing from one address', () => {
  let database: TestDatabase;
  let apps: TestApp[];
  let moderator: TestAccount;
  let sessionId: string;
  let questionId: string;
  let pollId: string;
  let optionId: string;
  const sockets: LiveClient[] = [];

  /** A fresh guest whose socket (and HTTP calls) come from `address`, through a trusted proxy, on app `index`. */
  const guestFrom = async (address: string, index: number) => {
    const app = apps[index % apps.length]!;
    const guest = await createGuest(app);
    const socket = await connectLive(app, guest.token, { extraHeaders: { 'x-forwarded-for': address } });
    sockets.push(socket);
    expect((await emitAck(socket, 'session:join', { sessionId })).ok).toBe(true);
    return { guest, socket, http: new HttpClient(`${app.url}/api/v1`).as(guest.token) };
  };

  beforeAll(async () => {
    database = await TestDatabase.create();
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', TRUST_PROXY: '127.0.0.1', VOTES_PER_ADDRESS: '3' };
    apps = [await createTestApp({ database, env }), await createTestApp({ database, env })];
    moderator = await createAccount(apps[0]!, 'moderator');
    const session = await moderator.http.post('/live-sessions', { title: 'Rapat warga', preModeration: false });
    sessionId = session.body.id;
    expect((await moderator.http.post(`/live-sessions/${sessionId}/start`)).status).toBe(200);
    const socket = await connectLive(apps[0]!, moderator.token);
    sockets.push(socket);
    const asked = await emitAck(socket, 'question:ask', { sessionId, text: 'Kapan taman dibuka?', clientRequestId: randomUUID() });
    questionId = asked.data.question.id;
    const poll = await moderator.http.post('/polls', { question: 'Jam buka?', options: ['Pagi', 'Malam'], liveSessionId: sessionId });
    expect(poll.status).toBe(201);
    pollId = poll.body.id;
    optionId = poll.body.options[0].id;
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const app of apps ?? []) await app.close();
    await database?.drop();
  });

  const upvotes = async () =>
    Number((await database.query<{ upvotes: number }>('select upvotes from live_questions where id = $1', [questionId]))[0]?.upvotes);

  it('takes upvotes from at most VOTES_PER_ADDRESS guests of one address, across processes; others still vote', async () => {
    const address = randomIpv4();
    const stuffers: Awaited<ReturnType<typeof guestFrom>>[] = [];
    for (let i = 0; i < 5; i++) stuffers.push(await guestFrom(address, i));
    const acks = [];
    for (const { socket } of stuffers) acks.push(await emitAck(socket, 'question:upvote', { questionId }));
    expect(acks.slice(0, 3).every((ack) => ack.ok)).toBe(true);
    for (const ack of acks.slice(3)) expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited', detail: 'address_cap' } });
    // An admitted guest may take the upvote back and give it again: it costs no one else a place.
    expect((await emitAck(stuffers[0]!.socket, 'question:unvote', { questionId })).ok).toBe(true);
    expect((await emitAck(stuffers[0]!.socket, 'question:upvote', { questionId })).ok).toBe(true);
    const neighbour = await guestFrom(randomIpv4(), 1);
    expect((await emitAck(neighbour.socket, 'question:upvote', { questionId })).ok).toBe(true);
    const deadline = Date.now() + 5_000;
    while ((await upvotes()) !== 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await upvotes()).toBe(4);
  });

  it('takes ballots from at most VOTES_PER_ADDRESS participants of one address, over HTTP and Socket.IO alike', async () => {
    const address = randomIpv4();
    const voters: Awaited<ReturnType<typeof guestFrom>>[] = [];
    for (let i = 0; i < 4; i++) voters.push(await guestFrom(address, i));
    expect((await emitAck(voters[0]!.socket, 'poll:vote', { pollId, optionIds: [optionId] })).ok).toBe(true);
    const ballot = (voter: Awaited<ReturnType<typeof guestFrom>>) =>
      voter.http.request('PUT', `/polls/${pollId}/ballot`, { optionIds: [optionId] }, { 'x-forwarded-for': address });
    expect((await ballot(voters[1]!)).status).toBe(200);
    expect((await ballot(voters[2]!)).status).toBe(200);
    const refused = await ballot(voters[3]!);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('address_cap');
    expect((await emitAck(voters[3]!.socket, 'poll:vote', { pollId, optionIds: [optionId] })).error.code).toBe('rate_limited');
    // A voter already counted may change the ballot.
    expect((await ballot(voters[1]!)).status).toBe(200);
    const rows = await database.query<{ n: string }>('select count(*) as n from poll_ballots where poll_id = $1', [pollId]);
    expect(Number(rows[0]?.n)).toBe(3);
  });
});
