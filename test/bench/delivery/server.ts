/**
 * The server side of the delivery benchmark: a plain Socket.IO server whose `/live` sockets are
 * spread over 8 shard rooms, sending count messages on command, either as Socket.IO's own
 * broadcast (`emit`) or as Balai's prebuilt frame (`sendSuperseding`), in one burst per window or
 * in turns. It reports the CPU it spent.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { sendSuperseding } from '@balai/realtime';
import type { DeliveryCommand, FromDeliveryServer } from './protocol';

const SHARDS = 8;
const io = new Server(createServer().listen(0, '127.0.0.1'), { transports: ['websocket'] });
const live = io.of('/live');
let connected = 0;
live.on('connection', (socket) => {
  void socket.join(`shard:${connected++ % SHARDS}`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reply = (message: FromDeliveryServer) => process.send!(message);

/** A count message like the ones a storm sends: `changed` questions with their counts. */
function payload(window: number, changed: number): { sessionId: string; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  for (let q = 0; q < changed; q++) counts[`0193a5c1-7e4b-7c3d-9f00-${String(q).padStart(12, '0')}`] = window * 7 + q;
  return { sessionId: '0193a5c1-7e4b-7c3d-9f00-000000000000', counts };
}

function send(method: DeliveryCommand['method'], shard: number, message: ReturnType<typeof payload>): void {
  const room = `shard:${shard}`;
  if (method === 'emit') live.to(room).emit('question:votes', message);
  else sendSuperseding(live, live.adapter.rooms.get(room) ?? [], 'question:votes', message);
}

async function run(command: DeliveryCommand): Promise<void> {
  const slot = command.windowMs / command.turns;
  const before = process.cpuUsage();
  const started = performance.now();
  for (let window = 0; window < command.windows; window++) {
    const message = payload(window, command.changed);
    for (let turn = 0; turn < command.turns; turn++) {
      const due = started + window * command.windowMs + turn * slot;
      await sleep(Math.max(0, due - performance.now()));
      for (let shard = turn; shard < SHARDS; shard += command.turns) send(command.method, shard, message);
    }
  }
  // Writes the kernel could not take at once finish later: count their CPU too.
  await sleep(command.windowMs);
  const cpu = process.cpuUsage(before);
  reply({ type: 'sent', cpuUs: cpu.user + cpu.system, elapsedMs: performance.now() - started });
}

process.on('message', (command: DeliveryCommand | { type: 'port' }) => {
  if (command.type === 'port') {
    const address = io.httpServer.address();
    reply({ type: 'port', port: typeof address === 'object' && address ? address.port : 0, connected });
  } else void run(command);
});
