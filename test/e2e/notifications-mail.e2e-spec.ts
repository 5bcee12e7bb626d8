import { randomUUID } from 'node:crypto';
import { EventBus } from '@balai/events';
import { waitFor } from './live-helpers';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { TestSmtp } from '../support/smtp';
import { createTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'https://balai.kota.test';

/**
 * Notifications by e-mail through a real SMTP server started here: each reaches exactly the right
 * people once, in their language, with the PUBLIC_URL link; a refusing, hanging or absent server
 * delays mail (retried with back-off) and never a request; nothing is lost or doubled.
 */
describe('notifications by e-mail (PostgreSQL, smtp-server)', () => {
  let smtp: TestSmtp;
  let testApp: TestApp;
  let official: TestAccount;
  let sari: TestAccount; // author, Indonesian
  let budi: TestAccount; // supporter, English
  let eko: TestAccount; // supporter, e-mail turned off
  let guest: TestAccount; // no address
  let consultationId: string;
  let threadId: string;

  const outbox = () =>
    testApp.database!.query<{ sent: number; pending: number; failed: number }>(
      `select count(*) filter (where sent_at is not null)::int as sent, count(*) filter (where sent_at is null and failed_at is null)::int as pending,
              count(*) filter (where failed_at is not null)::int as failed from notification_emails`,
    );
  const allSent = async () => (await outbox())[0]!.pending === 0;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 600));
  const step = async (state: string, note?: string) => {
    const res = await official.http.put(`/threads/${threadId}/progress`, { state, ...(note ? { note } : {}) });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    smtp = new TestSmtp();
    await smtp.start();
    testApp = await createTestApp({
      env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Balai Kota <balai@kota.test>', SMTP_TIMEOUT_MS: '500', MAIL_RETRY_BASE_MS: '200' },
    });
    official = await createAccount(testApp, 'official', 'Dinas Pasar');
    sari = await createAccount(testApp, 'citizen', 'Sari');
    budi = await createAccount(testApp, 'citizen', 'Budi');
    eko = await createAccount(testApp, 'citizen', 'Eko');
    guest = await createGuest(testApp);
    await budi.http.put('/me/preferences', { locale: 'en' });
    await eko.http.put('/me/preferences', { emailNotifications: false });
    consultationId = (await official.http.post('/consultations', { title: 'Pasar Rakyat', description: '' })).body.id;
    threadId = (await sari.http.post('/threads', { title: 'Atap pasar bocor', body: 'Saat hujan.', kind: 'complaint', consultationId }))
      .body.id;
    await budi.http.put(`/threads/${threadId}/support`);
    await eko.http.put(`/threads/${threadId}/support`);
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  it('mails each notification once to the right people, in their language, with the link', async () => {
    await step('under_review');
    await waitFor(() => smtp.received.length >= 2, 'two mails');
    await waitFor(allSent, 'the outbox to empty');
    await settle();
    expect(smtp.received).toHaveLength(2);
    const [toSari] = smtp.to(sari.email);
    const [toBudi] = smtp.to(budi.email);
    expect(toSari!.subject).toBe('Aduan “Atap pasar bocor”: sedang ditinjau');
    expect(toBudi!.subject).toBe('Complaint “Atap pasar bocor”: under review');
    expect(toSari!.raw).toContain(`${PUBLIC_URL}/threads/${threadId}`);
    expect(toBudi!.raw).toContain(`${PUBLIC_URL}/threads/${threadId}`);
    expect(toSari!.raw).toMatch(/Content-Type: text\/plain/i);
    expect(toSari!.raw).toMatch(/Content-Type: text\/html/i);
    expect(toSari!.raw).toMatch(/From: Balai Kota <balai@kota.test>/);
    expect(smtp.to(eko.email)).toEqual([]); // e-mail off: in Balai only
    expect((await eko.http.get('/me/notifications/unread-count')).body.count).toBe(1);

    // A decision: each participant with an address once (the guest has none).
    smtp.received.length = 0;
    const event = {
      decisionId: randomUUID(),
      consultationId,
      title: 'Atap diganti',
      bodySha256: '0'.repeat(64),
      publishedBy: official.id,
      publishedAt: new Date(),
    };
    testApp.app.get(EventBus).publish('decision.published', event);
    testApp.app.get(EventBus).publish('decision.published', event);
    await waitFor(() => smtp.received.length >= 2, 'the decision mails');
    await waitFor(allSent, 'the outbox to empty');
    await settle();
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual([budi.email, sari.email].sort());
    expect(smtp.to(budi.email)[0]!.subject).toBe('Decision published: Atap diganti');
    expect(smtp.to(sari.email)[0]!.subject).toBe('Keputusan terbit: Atap diganti');
    expect(guest.email).toBe('');
  });

  it('retries a refusing server with back-off and delivers once; the request never waits', async () => {
    smtp.received.length = 0;
    smtp.mode = 'refuse';
    const attemptsBefore = smtp.attempts;
    await step('accepted');
    // The request committed and answered; the notifications are there while mail is refused.
    await waitFor(async () => (await sari.http.get('/me/notifications?limit=100')).body.items.length >= 3, 'the notification');
    await waitFor(() => smtp.attempts >= attemptsBefore + 4, 'several refused attempts');
    expect(smtp.received).toEqual([]);
    const [state] = await testApp.database!.query<{ attempts: number; last_error: string }>(
      `select max(attempts)::int as attempts, max(last_error) as last_error from notification_emails where sent_at is null`,
    );
    expect(state!.attempts).toBeGreaterThanOrEqual(2);
    expect(state!.last_error).toMatch(/451|Try again/);
    smtp.mode = 'accept';
    await waitFor(allSent, 'the outbox to empty', 20_000);
    await settle();
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual([budi.email, sari.email].sort());
  });

  it('gets past a hanging server (timeout, retry) and delivers once', async () => {
    smtp.received.length = 0;
    smtp.mode = 'hang';
    const attemptsBefore = smtp.attempts;
    const change = await official.http.put(`/threads/${threadId}/progress`, { state: 'done' });
    expect(change.status).toBe(200);
    await waitFor(() => smtp.attempts >= attemptsBefore + 2, 'attempts on the hanging server');
    expect(smtp.received).toEqual([]);
    smtp.mode = 'accept';
    smtp.release();
    await waitFor(allSent, 'the outbox to empty', 20_000);
    await settle();
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual([budi.email, sari.email].sort());
  });

  it('loses nothing in an outage: mail waits in the outbox and goes once the server is back', async () => {
    smtp.received.length = 0;
    await smtp.stop();
    const bus = testApp.app.get(EventBus);
    const ids = Array.from({ length: 5 }, () => randomUUID());
    for (const actionId of ids) {
      bus.publish('moderation.action', {
        actionId,
        action: 'approve',
        reasonCode: null,
        note: null,
        moderatorId: official.id,
        target: { type: 'thread', id: threadId },
        notifyUserId: sari.id,
        itemId: null,
        sessionId: null,
        consultationId,
        at: new Date(),
      });
    }
    await waitFor(
      async () => (await testApp.database!.query(`select 1 from notification_emails where sent_at is null`)).length === 5,
      'five waiting mails',
    );
    await settle();
    expect((await outbox())[0]!.pending).toBe(5);
    await smtp.start();
    await waitFor(allSent, 'the outbox to empty', 30_000);
    await settle();
    expect(smtp.received).toHaveLength(5);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(5);
    expect(smtp.received.every((mail) => mail.subject === 'Kiriman Anda ditampilkan')).toBe(true);
    expect((await outbox())[0]!.failed).toBe(0);
  });
});
