import { randomUUID } from 'node:crypto';
import { freePort, TEST_JWT_SECRET, TestDatabase, waitForHealthy } from '@balai/testing';
import { waitFor } from './live-helpers';
import { ServerProcess, spawnServer } from '../support/server-process';
import { TestSmtp } from '../support/smtp';

const MAILS = 40;

/**
 * The outbox across a SIGKILL of the sending process: a second and a third process (sending side by
 * side) take over once the dead one's claims expire. No mail is lost; the only possible duplicate is
 * the one mail the SMTP server accepted right before the kill, which the dead process could not mark
 * sent (at-least-once). Measured here and logged.
 */
describe('e-mail outbox across a SIGKILL (PostgreSQL, spawned servers, smtp-server)', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  const servers: ServerProcess[] = [];

  const start = async (): Promise<ServerProcess> => {
    const port = await freePort();
    const server = spawnServer({
      PORT: String(port),
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      BALAI_DEMO: 'false',
      SMTP_URL: smtp.url,
      SMTP_TIMEOUT_MS: '300',
      MAIL_RETRY_BASE_MS: '200',
      LOG_LEVEL: 'warn',
    });
    servers.push(server);
    await waitForHealthy(server.url, 60_000);
    return server;
  };
  const pending = async () =>
    (await database.query<{ count: number }>('select count(*)::int as count from notification_emails where sent_at is null'))[0]!.count;

  beforeAll(async () => {
    database = await TestDatabase.create();
    smtp = new TestSmtp();
    smtp.delayMs = 60;
    await smtp.start();
  });
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await smtp.stop();
    await database.drop();
  });

  it('loses none and doubles at most the one mail in flight when the sender is killed mid-batch', async () => {
    const first = await start();
    const ids = Array.from({ length: MAILS }, () => randomUUID());
    const userId = randomUUID();
    for (const [index, id] of ids.entries()) {
      await database.query(
        `insert into notifications (id, user_id, type, dedupe_key, title, body, link, subject_type, subject_id)
         values ($1, $2, 'moderation.outcome', $3, $4, 'body', '/notifications', 'thread', $1)`,
        [id, userId, `crash:${id}`, `Mail ${index}`],
      );
      await database.query(
        `insert into notification_emails (id, notification_id, to_address, subject, text, html) values ($1, $1, $2, $3, 'text', '<p>html</p>')`,
        [id, `warga${index}@kota.test`, `Mail ${index}`],
      );
    }
    await waitFor(() => smtp.received.length >= 8, 'the first mails', 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = smtp.received.length;
    expect(atKill).toBeLessThan(MAILS);

    // Two processes take over side by side: SKIP LOCKED keeps them off each other's rows.
    await Promise.all([start(), start()]);
    await waitFor(async () => (await pending()) === 0, 'every mail sent', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const byId = new Map<string, number>();
    for (const mail of smtp.received) {
      const id = mail.messageId.replace(/^<|@.*$/g, '');
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    expect([...byId.keys()].sort()).toEqual([...ids].sort()); // none lost
    const duplicates = smtp.received.length - byId.size;
    process.stdout.write(`outbox crash: ${MAILS} mails, SIGKILL after ${atKill} received, ${duplicates} duplicate(s)\n`);
    expect(duplicates).toBeLessThanOrEqual(1);
    for (const [, count] of byId) expect(count).toBeLessThanOrEqual(2);
  });
});
