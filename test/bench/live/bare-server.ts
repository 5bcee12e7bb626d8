/**
 * The bare baseline: plain socket.io + node:http speaking the `/live` subset the benchmark uses,
 * with no framework, no database and counts in memory, batched every 100 ms like Balai.
 * Any token is accepted; the token string identifies the participant.
 * Run: node -r @swc-node/register test/bench/live/bare-server.ts <port>
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Server, Socket } from 'socket.io';

interface Question {
  id: string;
  sessionId: string;
  text: string;
  author: { displayName: string } | null;
  status: 'approved';
  upvotes: number;
  onScreen: boolean;
  createdAt: string;
  voters: Set<string>;
}
interface LiveSession {
  id: string;
  code: string;
  title: string;
  status: 'scheduled' | 'live' | 'ended';
  participants: number;
  questions: Map<string, Question>;
  dirtyVotes: Set<string>;
  dirtyParticipants: boolean;
}

const sessions = new Map<string, LiveSession>();
const byCode = new Map<string, LiveSession>();
const BATCH_MS = 100;
const PRESENCE_MS = 1000;

const sessionView = (s: LiveSession) => ({ id: s.id, code: s.code, title: s.title, status: s.status, participants: s.participants });
const questionView = (q: Question) => ({
  id: q.id,
  sessionId: q.sessionId,
  text: q.text,
  author: q.author,
  status: q.status,
  upvotes: q.upvotes,
  onScreen: q.onScreen,
  createdAt: q.createdAt,
});
const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });

function code(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 6; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        resolve(body ? (JSON.parse(body) as Record<string, unknown>) : {});
      } catch {
        resolve({});
      }
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const http = createServer((req, res) => {
  void (async () => {
    const url = req.url ?? '';
    const body = await readJson(req);
    if (req.method === 'GET' && url === '/health') return send(res, 200, { status: 'ok' });
    if (req.method === 'POST' && (url === '/api/v1/auth/guest' || url === '/api/v1/auth/login')) {
      const id = randomUUID();
      return send(res, url.endsWith('guest') ? 201 : 200, { user: { id, displayName: body.displayName ?? 'x' }, accessToken: `t-${id}` });
    }
    if (req.method === 'POST' && url === '/api/v1/live-sessions') {
      const s: LiveSession = {
        id: randomUUID(),
        code: code(),
        title: String(body.title ?? 'Bench'),
        status: 'scheduled',
        participants: 0,
        questions: new Map(),
        dirtyVotes: new Set(),
        dirtyParticipants: false,
      };
      sessions.set(s.id, s);
      byCode.set(s.code, s);
      return send(res, 201, { ...sessionView(s), preModeration: false, allowAnonymous: true });
    }
    const start = /^\/api\/v1\/live-sessions\/([^/]+)\/start$/.exec(url);
    if (req.method === 'POST' && start) {
      const s = sessions.get(start[1]);
      if (!s) return send(res, 404, { title: 'not found' });
      s.status = 'live';
      io.of('/live')
        .to(s.id)
        .emit('session:updated', { session: sessionView(s) });
      return send(res, 200, sessionView(s));
    }
    send(res, 404, { title: 'not found' });
  })();
});

const io = new Server(http, { serveClient: false });
const live = io.of('/live');

live.use((socket, next) => {
  const token = (socket.handshake.auth as { token?: unknown }).token;
  if (typeof token !== 'string' || token.length === 0) return next(new Error('unauthorized'));
  socket.data.participant = token;
  socket.data.rooms = new Set<string>();
  next();
});

type Ack = (response: unknown) => void;

live.on('connection', (socket: Socket) => {
  const participant = socket.data.participant as string;
  const joined = socket.data.rooms as Set<string>;

  socket.on('session:join', (payload: { code?: string; sessionId?: string }, ack: Ack) => {
    const s = payload?.sessionId ? sessions.get(payload.sessionId) : payload?.code ? byCode.get(payload.code) : undefined;
    if (!s) return ack?.(fail('not_found', 'no such session'));
    if (!joined.has(s.id)) {
      joined.add(s.id);
      void socket.join(s.id);
      s.participants++;
      s.dirtyParticipants = true;
    }
    const questions = [...s.questions.values()].sort((a, b) => b.upvotes - a.upvotes).slice(0, 100);
    const myUpvotes = [...s.questions.values()].filter((q) => q.voters.has(participant)).map((q) => q.id);
    ack?.({ ok: true, data: { session: sessionView(s), questions: questions.map(questionView), myUpvotes, onScreen: null, polls: [] } });
  });

  socket.on('question:ask', (payload: { sessionId?: string; text?: string }, ack: Ack) => {
    const s = payload?.sessionId ? sessions.get(payload.sessionId) : undefined;
    if (!s) return ack?.(fail('not_found', 'no such session'));
    if (typeof payload.text !== 'string' || payload.text.length < 1 || payload.text.length > 500) return ack?.(fail('validation', 'text'));
    const q: Question = {
      id: randomUUID(),
      sessionId: s.id,
      text: payload.text,
      author: { displayName: 'x' },
      status: 'approved',
      upvotes: 0,
      onScreen: false,
      createdAt: new Date().toISOString(),
      voters: new Set(),
    };
    s.questions.set(q.id, q);
    live.to(s.id).emit('question:new', { question: questionView(q) });
    ack?.({ ok: true, data: { question: questionView(q) } });
  });

  socket.on('question:moderate', (payload: { questionId?: string }, ack: Ack) => {
    for (const s of sessions.values()) {
      const q = payload?.questionId ? s.questions.get(payload.questionId) : undefined;
      if (q) return ack?.({ ok: true, data: { question: questionView(q) } });
    }
    ack?.(fail('not_found', 'no such question'));
  });

  const vote = (up: boolean) => (payload: { questionId?: string }, ack: Ack) => {
    for (const s of joined) {
      const session = sessions.get(s);
      const q = payload?.questionId ? session?.questions.get(payload.questionId) : undefined;
      if (!session || !q) continue;
      const had = q.voters.has(participant);
      if (up && !had) {
        q.voters.add(participant);
        q.upvotes++;
        session.dirtyVotes.add(q.id);
      } else if (!up && had) {
        q.voters.delete(participant);
        q.upvotes--;
        session.dirtyVotes.add(q.id);
      }
      return ack?.({ ok: true, data: { questionId: q.id, upvoted: up } });
    }
    ack?.(fail('not_found', 'no such question'));
  };
  socket.on('question:upvote', vote(true));
  socket.on('question:unvote', vote(false));

  socket.on('session:leave', (payload: { sessionId?: string }, ack: Ack) => {
    leave(payload?.sessionId ?? '');
    ack?.({ ok: true, data: {} });
  });

  const leave = (sessionId: string): void => {
    const s = sessions.get(sessionId);
    if (!s || !joined.has(sessionId)) return;
    joined.delete(sessionId);
    void socket.leave(sessionId);
    s.participants--;
    s.dirtyParticipants = true;
  };
  socket.on('disconnect', () => {
    for (const id of [...joined]) leave(id);
  });
});

// One batch every 100 ms per session with the changed counts.
setInterval(() => {
  for (const s of sessions.values()) {
    if (s.dirtyVotes.size === 0) continue;
    const counts: Record<string, number> = {};
    for (const id of s.dirtyVotes) counts[id] = s.questions.get(id)!.upvotes;
    s.dirtyVotes.clear();
    live.to(s.id).emit('question:votes', { sessionId: s.id, counts });
  }
}, BATCH_MS).unref();

// The participant count, when it moved, at most once a second per session (as Balai's presence does).
setInterval(() => {
  for (const s of sessions.values()) {
    if (!s.dirtyParticipants) continue;
    s.dirtyParticipants = false;
    live.to(s.id).emit('session:updated', { session: sessionView(s) });
  }
}, PRESENCE_MS).unref();

const port = Number(process.argv[2] ?? process.env.PORT ?? 3900);
http.listen(port, '127.0.0.1', () => process.stdout.write(`bare /live server listening on ${port}\n`));
process.on('SIGTERM', () => process.exit(0));
