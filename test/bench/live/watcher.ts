/**
 * Watchers: real `socket.io-client` instances that join the session and record, per question,
 * when each count value was first seen; from the votes' send times this gives the fan-out latency
 * (vote sent → every watcher sees a count that includes it).
 */
import { io, Socket } from 'socket.io-client';
import { now, summarize } from './clock';
import type { FromWatch, ToWatch } from './protocol';

interface Watcher {
  socket: Socket;
  /** question id → highest count seen */
  seen: Map<string, number>;
  /** question id → firstSeen[c] = when count c was first seen */
  firstSeen: Map<string, number[]>;
  base: Map<string, number>;
  /** Which server process it is connected to (index into the origins). */
  origin: number;
}

const watchers: Watcher[] = [];
const send = (message: FromWatch): void => void process.send?.(message);

function record(w: Watcher, questionId: string, count: number, at: number): void {
  const previous = w.seen.get(questionId) ?? 0;
  if (count <= previous) return;
  let times = w.firstSeen.get(questionId);
  if (!times) w.firstSeen.set(questionId, (times = []));
  for (let c = previous + 1; c <= count; c++) times[c] = at;
  w.seen.set(questionId, count);
}

async function connect(origins: string[], tokens: string[], sessionId: string): Promise<void> {
  await Promise.all(
    tokens.map(async (token, i) => {
      const socket = io(`${origins[i % origins.length]}/live`, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      const w: Watcher = { socket, seen: new Map(), firstSeen: new Map(), base: new Map(), origin: i % origins.length };
      socket.on('question:votes', (payload: { counts: Record<string, number> }) => {
        const at = now();
        for (const [id, count] of Object.entries(payload.counts ?? {})) record(w, id, count, at);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(error));
      });
      const ack = (await socket.timeout(30_000).emitWithAck('session:join', { sessionId })) as {
        ok: boolean;
        data?: { questions: Array<{ id: string; upvotes: number }> };
        error?: unknown;
      };
      if (!ack.ok || !ack.data) throw new Error(`watcher join refused: ${JSON.stringify(ack.error)}`);
      for (const q of ack.data.questions) w.seen.set(q.id, q.upvotes);
      watchers.push(w);
    }),
  );
  send({ type: 'connected', count: watchers.length });
}

function analyze(questionIds: string[], votes: Array<[number, number]>): void {
  // The i-th successful vote on a question (in send order) is visible once the count reaches base + i.
  const byQuestion = new Map<number, number[]>();
  for (const [question, sentAt] of votes) {
    let list = byQuestion.get(question);
    if (!list) byQuestion.set(question, (list = []));
    list.push(sentAt);
  }
  const latencies: number[] = [];
  const byOrigin: number[][] = [];
  const bySendTime: Array<[number, number]> = [];
  let missing = 0;
  for (const w of watchers) {
    for (const [question, sends] of byQuestion) {
      const id = questionIds[question];
      const base = w.base.get(id) ?? 0;
      const times = w.firstSeen.get(id) ?? [];
      sends.sort((a, b) => a - b);
      sends.forEach((sentAt, i) => {
        const seenAt = times[base + i + 1];
        if (seenAt === undefined) missing++;
        else {
          latencies.push(Math.max(0, seenAt - sentAt));
          (byOrigin[w.origin] ??= []).push(Math.max(0, seenAt - sentAt));
          bySendTime.push([sentAt, Math.max(0, seenAt - sentAt)]);
        }
      });
    }
  }
  bySendTime.sort((a, b) => a[0] - b[0]);
  const fifth = Math.max(1, Math.floor(bySendTime.length / 5));
  send({
    type: 'analyzed',
    fanout: summarize(latencies),
    fanoutTrend: [summarize(bySendTime.slice(0, fifth).map((v) => v[1])).p99, summarize(bySendTime.slice(-fifth).map((v) => v[1])).p99],
    fanoutP99ByOrigin: byOrigin.map((l) => summarize(l).p99),
    missing,
    finalCounts: watchers.map((w) => Object.fromEntries(questionIds.map((id) => [id, w.seen.get(id) ?? 0]))),
  });
}

process.on('message', (message: ToWatch) => {
  if (message.type === 'connect') {
    connect(message.origins, message.tokens, message.sessionId).catch((error: Error) => send({ type: 'error', message: error.message }));
  } else if (message.type === 'mark') {
    for (const w of watchers) w.base = new Map(w.seen);
    send({ type: 'marked' });
  } else if (message.type === 'analyze') {
    analyze(message.questionIds, message.votes);
  } else if (message.type === 'close') {
    for (const w of watchers) w.socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});

process.send?.({ type: 'ready' });
