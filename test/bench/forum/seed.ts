/**
 * Seeds the forum for bench:forum with SQL only (generate_series): users, consultations,
 * 100,000 threads and 1,000,000 posts. Ids are UUIDv7-shaped and time-ordered like newId().
 */
import { Client } from 'pg';

export const SEED = { users: 5000, consultations: 10, threads: 100_000, posts: 1_000_000, hotThreadPosts: 1000 };

const TOPICS = [
  'taman',
  'drainase',
  'lampu jalan',
  'sampah',
  'trotoar',
  'pasar',
  'sekolah',
  'puskesmas',
  'banjir',
  'parkir',
  'angkot',
  'pohon peneduh',
  'air bersih',
];
const STREETS = [
  'Melati',
  'Kenanga',
  'Cempaka',
  'Mawar',
  'Anggrek',
  'Flamboyan',
  'Dahlia',
  'Kamboja',
  'Teratai',
  'Seroja',
  'Sudirman',
  'Thamrin',
  'Diponegoro',
  'Gajah Mada',
  'Hayam Wuruk',
  'Pahlawan',
  'Merdeka',
  'Veteran',
  'Pemuda',
  'Kartini',
  'Cendana',
  'Jati',
  'Mahoni',
  'Beringin',
  'Asem',
  'Nangka',
  'Rambutan',
  'Durian',
  'Manggis',
  'Salak',
  'Bougenville',
  'Sakura',
  'Tulip',
  'Lili',
  'Kemuning',
  'Sedap Malam',
  'Matahari',
  'Bintang',
  'Rembulan',
  'Pelangi',
];
const EN = [
  'The park near the market needs more trees.',
  'Street lighting is broken again.',
  'Please fix the drainage before the rainy season.',
  'Bus stops need shelters.',
  'Sidewalks are blocked by parked motorbikes.',
];
const REASONS = [
  'sering rusak',
  'belum ada',
  'kurang terawat',
  'membahayakan anak-anak',
  'dikeluhkan warga',
  'terlalu sempit',
  'selalu tergenang',
];

const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

/** A UUIDv7-shaped id from a millisecond timestamp and a unique counter. */
const uuidSql = (ms: string, n: string) =>
  `(lpad(to_hex(${ms}), 12, '0') || '7' || lpad(to_hex((${n}) % 4096), 3, '0') || '8' || lpad(to_hex((${n} / 4096) % 4096), 3, '0') || lpad(to_hex(${n}), 12, '0'))::uuid`;

export async function seed(
  url: string,
  log: (message: string) => void,
): Promise<{ hotThreadId: string; officialId: string; userIds: string[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    const base = Date.now() - 200 * 86_400_000; // threads every 100 ms from 200 days ago
    const postsBase = base + SEED.threads * 100;
    const user = (expr: string) => uuidSql(String(base - 86_400_000), expr);
    const thread = (expr: string) => uuidSql(`${base} + (${expr}) * 100`, expr);
    const consultation = (expr: string) => uuidSql(String(base - 3_600_000), `1000000 + ${expr}`);

    let t = Date.now();
    await client.query(
      `insert into users (id, email, display_name, role, created_at)
       select ${user('i')}, 'bench' || i || '@bench.balai', 'Warga ' || i, case when i = 0 then 'official' else 'citizen' end::user_role, now()
       from generate_series(0, ${SEED.users}) i`,
    );
    await client.query(
      `insert into consultations (id, title, description, status, created_at, closes_at, created_by)
       select ${consultation('i')}, 'Konsultasi ' || i, 'Deskripsi konsultasi ' || i, 'open', now(), null, ${user('0')}
       from generate_series(0, ${SEED.consultations - 1}) i`,
    );
    log(`users and consultations: ${Date.now() - t} ms`);

    // Thread t gets posts i with i % (threads - 1) = t (for i >= hotThreadPosts); the newest thread gets the first 1,000.
    const hot = SEED.threads - 1;
    const spread = SEED.threads - 1;
    t = Date.now();
    await client.query(
      `insert into forum_threads (id, title, body, kind, consultation_id, author_id, author_name, supports, post_count, status, created_at)
       select ${thread('i')},
         initcap((${sqlArray(TOPICS)})[1 + i % ${TOPICS.length}]) || ' di Jalan ' || (${sqlArray(STREETS)})[1 + (i / 7) % ${STREETS.length}] || ' nomor ' || i,
         'Warga RT ' || (i % 20) || ' mengusulkan perbaikan ' || (${sqlArray(TOPICS)})[1 + i % ${TOPICS.length}] || ' karena ' ||
           (${sqlArray(REASONS)})[1 + i % ${REASONS.length}] || '. ' || case when i % 5 = 0 then (${sqlArray(EN)})[1 + (i / 5) % ${EN.length}] else '' end,
         (array['idea', 'question', 'complaint', 'discussion'])[1 + i % 4]::forum_thread_kind,
         case when i % 3 = 0 then null else ${consultation(`i % ${SEED.consultations}`)} end,
         ${user(`1 + i % ${SEED.users}`)},
         'Warga ' || (1 + i % ${SEED.users}),
         (i * 7919) % 500,
         case when i = ${hot} then ${SEED.hotThreadPosts}
              else ((${SEED.posts - 1} - i) / ${spread}) + 1 - case when i < ${SEED.hotThreadPosts} then 1 else 0 end end,
         'visible',
         to_timestamp((${base} + i * 100) / 1000.0)
       from generate_series(0, ${SEED.threads - 1}) i`,
    );
    log(`${SEED.threads} threads: ${Date.now() - t} ms`);

    t = Date.now();
    const batch = 250_000;
    for (let from = 0; from < SEED.posts; from += batch) {
      await client.query(
        `insert into forum_posts (id, thread_id, body, author_id, author_name, official, status, created_at)
         select ${uuidSql(`${postsBase} + i`, `2000000 + i`)},
           case when i < ${SEED.hotThreadPosts} then ${thread(String(hot))} else ${thread(`i % ${spread}`)} end,
           'Tanggapan nomor ' || i || ': saya setuju, ' || (${sqlArray(TOPICS)})[1 + i % ${TOPICS.length}] || ' perlu segera diperbaiki.',
           ${user(`1 + (i * 31) % ${SEED.users}`)},
           'Warga ' || (1 + (i * 31) % ${SEED.users}),
           i % 50 = 0,
           'visible',
           to_timestamp((${postsBase} + i) / 1000.0)
         from generate_series(${from}, ${Math.min(from + batch, SEED.posts) - 1}) i`,
      );
      log(`posts ${Math.min(from + batch, SEED.posts)}/${SEED.posts}: ${Date.now() - t} ms`);
    }
    t = Date.now();
    await client.query(
      `insert into consultation_participants (consultation_id, user_id)
       select distinct consultation_id, user_id from (
         select t.consultation_id, t.author_id as user_id from forum_threads t where t.consultation_id is not null
         union all select t.consultation_id, p.author_id from forum_posts p join forum_threads t on t.id = p.thread_id where t.consultation_id is not null
       ) activity`,
    );
    log(`consultation participants: ${Date.now() - t} ms`);
    const check = await client.query(
      `select sum(post_count)::bigint as counted, (select count(*) from forum_posts) as actual from forum_threads`,
    );
    if (String(check.rows[0].counted) !== String(check.rows[0].actual)) {
      throw new Error(`post_count does not match the posts: ${JSON.stringify(check.rows[0])}`);
    }
    t = Date.now();
    await client.query('vacuum analyze');
    log(`vacuum analyze: ${Date.now() - t} ms`);

    const hotThreadId = (await client.query(`select ${thread(String(hot))} as id`)).rows[0].id as string;
    const officialId = (await client.query(`select ${user('0')} as id`)).rows[0].id as string;
    const userIds = (await client.query(`select id from users where role = 'citizen' order by id`)).rows.map(
      (row: { id: string }) => row.id,
    );
    return { hotThreadId, officialId, userIds };
  } finally {
    await client.end();
  }
}
