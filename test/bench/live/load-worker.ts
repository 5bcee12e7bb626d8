/**
 * A load process: holds a slice of the audience as raw WebSocket clients, joins them to the
 * session, then plays its share of the upvote schedule and reports every vote's ack latency.
 */
import { now } from './clock';
import type { FromLoad, Participant, ToLoad, VoteRecord } from './protocol';
import { RawLiveClient } from './raw-client';

interface Member {
  index: number;
  client: RawLiveClient;
}

const members: Member[] = [];
const send = (message: FromLoad): void => void process.send?.(message);

async function connectAll(
  origins: string[],
  participants: Participant[],
  sessionId: string,
  concurrency: number,
  deadline: number,
): Promise<void> {
  const handshakeMs: number[] = [];
  const joinMs: number[] = [];
  const failures: string[] = [];
  const firstStart = now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < participants.length) {
      if (now() > deadline) {
        failures.push(`join phase deadline: ${participants.length - next} participants not started`);
        next = participants.length;
        break;
      }
      const p = participants[next++];
      const client = new RawLiveClient(origins[p.index % origins.length], '/live', p.token, true);
      const started = performance.now();
      try {
        handshakeMs.push(await client.connect());
        const ack = await client.emit<{ ok: boolean; error?: { code: string } }>('session:join', { sessionId });
        if (!ack.ok) throw new Error(`join refused: ${ack.error?.code}`);
        joinMs.push(performance.now() - started);
        members.push({ index: p.index, client });
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        client.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  send({
    type: 'connected',
    handshakeMs,
    joinMs,
    failures: failures.slice(0, 20).concat(failures.length > 20 ? [`…${failures.length} in all`] : []),
    firstStart,
    lastDone: now(),
  });
}

/**
 * Vote j of the storm (j = k·N + p) is cast by participant p at t0 + j/R on question (p + k) mod Q:
 * R votes a second overall, each participant every N/R seconds (≥ 1 s when R ≤ N), never twice on a question.
 */
function storm(t0: number, rate: number, total: number, durationS: number, questionIds: string[]): void {
  const q = questionIds.length;
  const plan: Array<{ at: number; member: Member; question: number }> = [];
  const limit = Math.floor(rate * durationS);
  for (const member of members) {
    for (let k = 0; ; k++) {
      const j = k * total + member.index;
      if (j >= limit || k >= q) break;
      plan.push({ at: t0 + (j / rate) * 1000, member, question: (member.index + k) % q });
    }
  }
  plan.sort((a, b) => a.at - b.at);
  const votes: VoteRecord[] = [];
  const lagMs: number[] = [];
  const failures: Record<string, number> = {};
  let cursor = 0;
  let outstanding = 0;
  let finished = false;
  const maybeDone = (): void => {
    if (finished && outstanding === 0) {
      clearInterval(timer);
      send({ type: 'stormDone', votes, lagMs, failures });
    }
  };
  const fire = (): void => {
    const t = now();
    while (cursor < plan.length && plan[cursor].at <= t) {
      const item = plan[cursor++];
      const record: VoteRecord = [item.question, now(), -1, 0];
      lagMs.push(record[1] - item.at);
      votes.push(record);
      if (!item.member.client.connected) {
        failures.disconnected = (failures.disconnected ?? 0) + 1;
        continue;
      }
      outstanding++;
      const started = performance.now();
      item.member.client
        .emit<{ ok: boolean; data?: { upvoted: boolean }; error?: { code: string } }>('question:upvote', {
          questionId: questionIds[item.question],
        })
        .then((ack) => {
          record[2] = performance.now() - started;
          if (ack.ok && ack.data?.upvoted) record[3] = 1;
          else failures[ack.error?.code ?? 'not_upvoted'] = (failures[ack.error?.code ?? 'not_upvoted'] ?? 0) + 1;
        })
        .catch((error: Error) => {
          failures[error.message] = (failures[error.message] ?? 0) + 1;
        })
        .finally(() => {
          outstanding--;
          maybeDone();
        });
    }
    if (cursor >= plan.length && !finished) {
      finished = true;
      maybeDone();
    }
  };
  const timer = setInterval(fire, 2);
}

process.on('message', (message: ToLoad) => {
  try {
    if (message.type === 'connect')
      void connectAll(message.origins, message.participants, message.sessionId, message.concurrency, message.deadline);
    else if (message.type === 'storm') storm(message.t0, message.rate, message.total, message.durationS, message.questionIds);
    else if (message.type === 'close') {
      for (const m of members) m.client.close();
      setTimeout(() => process.exit(0), 200);
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

process.send?.({ type: 'ready' });
