/**
 * The baseline for bench:forum: a bare node:http server with `pg`, running the same SQL as
 * ForumService for the benchmarked endpoints (no framework, no ORM, no validation pipes,
 * no logging). Started by run.ts as a child process: PORT, DATABASE_URL, JWT_SECRET.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { verify } from 'jsonwebtoken';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, min: 1 });
const secret = process.env.JWT_SECRET ?? '';

const THREAD_COLUMNS =
  't.id, t.title, t.body, t.kind, t.consultation_id, t.author_id, t.author_name, t.supports, t.post_count, t.status, t.created_at, t.edited_at';
const POST_COLUMNS = 'p.id, p.thread_id, p.body, p.author_id, p.author_name, p.official, p.status, p.created_at, p.edited_at';

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null ? null : String(value));
const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

const threadView = (row: Row) => ({
  id: row.id,
  title: row.title,
  body: row.body,
  kind: row.kind,
  consultationId: row.consultation_id,
  author: { id: row.author_id, displayName: row.author_name },
  supports: row.supports,
  postCount: row.post_count,
  status: row.status,
  createdAt: iso(row.created_at),
  editedAt: iso(row.edited_at),
});

const postView = (row: Row) => ({
  id: row.id,
  threadId: row.thread_id,
  body: row.body,
  author: { id: row.author_id, displayName: row.author_name },
  official: row.official,
  status: row.status,
  createdAt: iso(row.created_at),
  editedAt: iso(row.edited_at),
});

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function listThreads(url: URL, response: ServerResponse): Promise<void> {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const q = url.searchParams.get('q');
  const cursor = url.searchParams.get('cursor');
  const after = cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[]) : undefined;
  let sql: string;
  const params: unknown[] = [];
  if (q) {
    params.push(q, q);
    sql =
      `select * from (select ${THREAD_COLUMNS}, ts_rank(t.search, s.query) as rank from forum_threads t, ` +
      `(select websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('english', $2) as query) s ` +
      `where t.status = 'visible' and t.search @@ s.query) ranked`;
    if (after) {
      params.push(after[1], after[2]);
      sql += ` where (ranked.rank < $3::real or (ranked.rank = $3::real and ranked.id < $4))`;
    }
    params.push(limit + 1);
    sql += ` order by ranked.rank desc, ranked.id desc limit $${params.length}`;
  } else {
    sql = `select ${THREAD_COLUMNS} from forum_threads t where t.status = 'visible'`;
    if (after) {
      params.push(after[1]);
      sql += ` and t.id < $1`;
    }
    params.push(limit + 1);
    sql += ` order by t.id desc limit $${params.length}`;
  }
  const { rows } = await pool.query(sql, params);
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  const nextCursor = rows.length > limit && last ? cursorOf(q ? ['relevance', Number(last.rank), last.id] : ['recent', last.id]) : null;
  send(response, 200, { items: kept.map(threadView), nextCursor });
}

async function listPosts(threadId: string, url: URL, response: ServerResponse): Promise<void> {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const thread = await pool.query(`select ${THREAD_COLUMNS} from forum_threads t where t.id = $1`, [threadId]);
  if (thread.rows.length === 0) return send(response, 404, { status: 404 });
  const { rows } = await pool.query(
    `select ${POST_COLUMNS} from forum_posts p where p.thread_id = $1 and p.status = 'visible' order by p.id asc limit $2`,
    [threadId, limit + 1],
  );
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  send(response, 200, {
    items: kept.map(postView),
    nextCursor: rows.length > limit && last ? cursorOf(['recent', last.id]) : null,
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

let sequence = 0;
function uuidv7(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const random = Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x10000)
      .toString(16)
      .padStart(4, '0'),
  ).join('');
  const seq = (sequence++ & 0xfff).toString(16).padStart(3, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${seq}-8${random.slice(0, 3)}-${random.slice(3, 15).padEnd(12, '0')}`;
}

async function createPost(threadId: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const header = request.headers.authorization ?? '';
  let claims: { sub: string; role: string; name: string };
  try {
    claims = verify(header.replace(/^Bearer\s+/i, ''), secret, { algorithms: ['HS256'] }) as typeof claims;
  } catch {
    return send(response, 401, { status: 401 });
  }
  const body = JSON.parse(await readBody(request)) as { body?: unknown };
  if (typeof body.body !== 'string' || body.body.length < 1 || body.body.length > 20000) return send(response, 400, { status: 400 });
  const client = await pool.connect();
  try {
    await client.query('begin');
    const counted = await client.query(
      `update forum_threads set post_count = post_count + 1 where id = $1 and status = 'visible' returning consultation_id`,
      [threadId],
    );
    if (counted.rows.length === 0) {
      await client.query('rollback');
      return send(response, 404, { status: 404 });
    }
    const consultationId = counted.rows[0].consultation_id as string | null;
    if (consultationId) {
      const consultation = await client.query('select status, closes_at from consultations where id = $1 for share', [consultationId]);
      const row = consultation.rows[0];
      if (!row || row.status !== 'open' || (row.closes_at && new Date(row.closes_at).getTime() <= Date.now())) {
        await client.query('rollback');
        return send(response, 409, { status: 409 });
      }
    }
    const id = uuidv7();
    const official = ['official', 'admin'].includes(claims.role);
    const inserted = await client.query(
      `insert into forum_posts (id, thread_id, body, author_id, author_name, official, status, created_at) values ($1, $2, $3, $4, $5, $6, 'visible', now()) returning created_at`,
      [id, threadId, body.body, claims.sub, claims.name, official],
    );
    await client.query('commit');
    send(response, 201, {
      id,
      threadId,
      body: body.body,
      author: { id: claims.sub, displayName: claims.name },
      official,
      status: 'visible',
      createdAt: iso(inserted.rows[0].created_at),
      editedAt: null,
    });
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const POSTS_PATH = /^\/api\/v1\/threads\/([0-9a-f-]{36})\/posts$/;

createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const posts = POSTS_PATH.exec(url.pathname);
  let work: Promise<void>;
  if (request.method === 'GET' && url.pathname === '/health')
    work = pool.query('select 1').then(() => send(response, 200, { status: 'ok' }));
  else if (request.method === 'GET' && url.pathname === '/api/v1/threads') work = listThreads(url, response);
  else if (request.method === 'GET' && posts) work = listPosts(posts[1], url, response);
  else if (request.method === 'POST' && posts) work = createPost(posts[1], request, response);
  else work = Promise.resolve(send(response, 404, { status: 404 }));
  work.catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    if (!response.headersSent) send(response, 500, { status: 500 });
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
