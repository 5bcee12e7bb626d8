import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';
import { connectLive, createLiveSession, emitAck, LiveClient } from './live-helpers';

/**
 * The participant pages of a live session on a phone (390×844 Chromium) against the real server:
 * joining by code, asking under pre-moderation, upvotes from several phones, a reload, a network
 * cut, the language switch and a wrong code. Controls are found by role and accessible name.
 */
describe('live participant pages (Chromium, 390 px)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let moderator: TestAccount;
  const contexts: BrowserContext[] = [];
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    moderator = await createAccount(testApp, 'moderator', 'Moderator Rapat');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  const url = (path: string) => `${testApp.url}${path}`;

  async function openPhone(locale = 'id-ID'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    contexts.push(context);
    return { context, page: await context.newPage() };
  }

  /** Opens the participant page and, as a guest, gives the name once. */
  async function joinAsGuest(page: Page, code: string, name: string): Promise<void> {
    await page.goto(url(`/live/${code}`));
    await page.getByRole('textbox', { name: 'Nama tampilan' }).fill(name);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('heading', { name: /^Pertanyaan \(\d+\)$/ }).waitFor();
  }

  /** Settled: its upvote or unvote has been acknowledged. */
  const settled = (page: Page) => page.locator(':not([aria-busy])');
  const upvoteButton = (page: Page, text: string) =>
    page.locator('.live-question-list').getByRole('article', { name: text }).getByRole('button');

  async function pendingQuestion(sessionId: string, text: string): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const found = await moderator.http.get(`/live-sessions/${sessionId}/questions?status=pending`);
      const question = (found.body.items as { id: string; text: string }[]).find((q) => q.text === text);
      if (question) return question.id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no pending question "${text}"`);
  }

  async function moderate(questionId: string, action: string, reason?: string): Promise<void> {
    const response = await moderator.http.post(`/live-questions/${questionId}/moderate`, { action, ...(reason ? { reason } : {}) });
    expect(response.status).toBe(200);
  }

  it('joins by code from /live, asks under pre-moderation, and shows the question once a moderator approves it, without reload', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Warga Taman Cempaka', preModeration: true });
    const { page } = await openPhone();
    await page.goto(url('/live'));
    await page.getByRole('heading', { level: 1, name: 'Ikut tanya jawab langsung' }).waitFor();
    // Typed as people do: lower case, with a space in the middle.
    const typed = `${session.code.slice(0, 3).toLowerCase()} ${session.code.slice(3).toLowerCase()}`;
    await page.getByRole('textbox', { name: 'Kode sesi' }).fill(typed);
    await page.getByRole('button', { name: 'Gabung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapat Warga Taman Cempaka' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/live/${session.code}`);

    await page.getByRole('textbox', { name: 'Nama tampilan' }).fill('Ibu Ani');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Anda ikut sebagai Ibu Ani').waitFor();
    await expectNoSeriousViolations(page);

    const text = 'Kapan taman mulai dibangun?';
    const box = page.getByRole('textbox', { name: 'Pertanyaan Anda' });
    await box.fill(text);
    await page.getByText(`${text.length} dari 500 karakter`).waitFor();
    await page.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    await page.getByText('Pertanyaan Anda terkirim dan menunggu persetujuan moderator.').waitFor();
    expect(await box.inputValue()).toBe('');
    const own = page.getByRole('region', { name: 'Pertanyaan Anda yang belum tampil' });
    await own.getByRole('article', { name: text }).getByText('Menunggu moderator').waitFor();
    // Not public yet: the room's list does not have it.
    expect(await upvoteButton(page, text).count()).toBe(0);

    await moderate(await pendingQuestion(session.id, text), 'approve');
    const upvote = upvoteButton(page, text);
    await upvote.waitFor();
    await upvoteButton(page, text)
      .and(page.getByRole('button', { name: 'Dukung pertanyaan ini, 0 dukungan', exact: true, pressed: false }))
      .waitFor();
    await own.waitFor({ state: 'detached' });
    // Announced politely, as a count.
    await page.getByRole('status').filter({ hasText: '1 pertanyaan baru' }).waitFor();

    // A rejected own question shows the moderator's reason to its author.
    const offTopic = 'Boleh jualan di taman?';
    await box.fill(offTopic);
    await page.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    await own.getByRole('article', { name: offTopic }).waitFor();
    await moderate(await pendingQuestion(session.id, offTopic), 'reject', 'Di luar topik rapat');
    const rejected = own.getByRole('article', { name: offTopic });
    await rejected.getByText('Tidak ditampilkan oleh moderator').waitFor();
    await rejected.getByText('Alasan: Di luar topik rapat').waitFor();
    await expectNoSeriousViolations(page);

    // A reload keeps them: the join gives a participant back their own waiting and turned-down questions.
    await page.reload();
    await own.getByRole('article', { name: offTopic }).getByText('Alasan: Di luar topik rapat').waitFor();
  });

  it('counts upvotes from three phones exactly on every page, and an ended session takes no more', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Anggaran', preModeration: false });
    const phones = await Promise.all(['Ani', 'Budi', 'Citra'].map(async (name) => ({ name, ...(await openPhone()) })));
    for (const phone of phones) await joinAsGuest(phone.page, session.code, phone.name);

    const text = 'Berapa anggaran untuk lampu jalan?';
    await phones[0]!.page.getByRole('textbox', { name: 'Pertanyaan Anda' }).fill(text);
    await phones[0]!.page.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    await phones[0]!.page.getByText('Pertanyaan Anda terkirim.', { exact: true }).waitFor();
    for (const phone of phones) await upvoteButton(phone.page, text).waitFor();

    await Promise.all(phones.map((phone) => upvoteButton(phone.page, text).click()));
    for (const phone of phones) {
      const button = upvoteButton(phone.page, text);
      // Acknowledged (no longer busy), pressed, and the count every phone agrees on.
      await button
        .and(phone.page.getByRole('button', { name: 'Dukung pertanyaan ini, 3 dukungan', exact: true, pressed: true }))
        .and(settled(phone.page))
        .waitFor();
      expect(await button.locator('.live-upvote-count').innerText()).toBe('3');
    }

    // One takes it back: every page follows, and the others keep their own state.
    await upvoteButton(phones[1]!.page, text).click();
    for (const phone of phones) {
      await upvoteButton(phone.page, text)
        .and(phone.page.getByRole('button', { name: 'Dukung pertanyaan ini, 2 dukungan', exact: true }))
        .and(settled(phone.page))
        .waitFor();
    }
    expect(await upvoteButton(phones[1]!.page, text).getAttribute('aria-pressed')).toBe('false');
    expect(await upvoteButton(phones[2]!.page, text).getAttribute('aria-pressed')).toBe('true');

    expect((await moderator.http.post(`/live-sessions/${session.id}/end`)).status).toBe(200);
    const page = phones[0]!.page;
    await page.getByText('Sesi ini sudah selesai.', { exact: false }).first().waitFor();
    expect(await page.getByRole('textbox', { name: 'Pertanyaan Anda' }).isDisabled()).toBe(true);
    expect(await upvoteButton(page, text).isDisabled()).toBe(true);
  });

  it('takes back a refused upvote at once and says kindly that the minute is spent', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Parkir', preModeration: false });
    const { page } = await openPhone();
    await joinAsGuest(page, session.code, 'Bu Eka');
    const text = 'Di mana parkir sepeda motor?';
    await page.getByRole('textbox', { name: 'Pertanyaan Anda' }).fill(text);
    await page.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    await upvoteButton(page, text).waitFor();

    // The same participant spends the minute's upvotes from another socket (the limit is per participant).
    const kept = JSON.parse((await page.evaluate<string | null>("localStorage.getItem('balai.liveGuest')"))!) as { accessToken: string };
    const other = await connectLive(testApp, kept.accessToken);
    sockets.push(other);
    const joined = await emitAck(other, 'session:join', { sessionId: session.id });
    const questionId = (joined.data.questions as { id: string; text: string }[]).find((q) => q.text === text)!.id;
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      const ack = await emitAck(other, i % 2 === 0 ? 'question:upvote' : 'question:unvote', { questionId });
      refused = !ack.ok && ack.error.code === 'rate_limited';
    }
    expect(refused).toBe(true);
    await emitAck(other, 'question:unvote', { questionId });

    await upvoteButton(page, text).click();
    await page.getByRole('status').filter({ hasText: 'Pelan-pelan: Anda sudah banyak memberi dukungan dalam semenit.' }).waitFor();
    await upvoteButton(page, text)
      .and(page.getByRole('button', { name: 'Dukung pertanyaan ini, 0 dukungan', exact: true, pressed: false }))
      .and(settled(page))
      .waitFor();
  });

  it('moves a question up a few seconds after its count changes, not under the thumb at once', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Trotoar', preModeration: false });
    const voters = await Promise.all(
      ['Eko', 'Fajar', 'Gita'].map(async (name) => connectLive(testApp, (await createGuest(testApp, name)).token)),
    );
    sockets.push(...voters);
    for (const voter of voters) expect((await emitAck(voter, 'session:join', { sessionId: session.id })).ok).toBe(true);
    const first = (
      await emitAck(voters[0]!, 'question:ask', { sessionId: session.id, text: 'Trotoar mana yang diperbaiki dulu?', clientRequestId: 'a' })
    ).data.question;
    const second = (
      await emitAck(voters[1]!, 'question:ask', { sessionId: session.id, text: 'Apakah ada jalur difabel?', clientRequestId: 'b' })
    ).data.question;
    expect((await emitAck(voters[2]!, 'question:upvote', { questionId: first.id })).ok).toBe(true);

    const { page } = await openPhone();
    await joinAsGuest(page, session.code, 'Bu Hana');
    const order = () => page.locator('.live-question-list .live-question-text').allInnerTexts();
    await upvoteButton(page, second.text).waitFor();
    expect(await order()).toEqual([first.text, second.text]);

    for (const voter of voters) expect((await emitAck(voter, 'question:upvote', { questionId: second.id })).ok).toBe(true);
    // The count changes at once, in place...
    await upvoteButton(page, second.text)
      .and(page.getByRole('button', { name: 'Dukung pertanyaan ini, 3 dukungan', exact: true }))
      .waitFor();
    expect(await order()).toEqual([first.text, second.text]);
    // ...and the ranking follows within a few seconds.
    const deadline = Date.now() + 10_000;
    while ((await order())[0] !== second.text && Date.now() < deadline) await page.waitForTimeout(200);
    expect(await order()).toEqual([second.text, first.text]);
  });

  it('keeps the same guest across a reload: same name, own upvote still pressed, no second name prompt; votes in a live poll', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Pasar', preModeration: false });
    const { page } = await openPhone();
    await joinAsGuest(page, session.code, 'Pak Dedi');
    const text = 'Apakah pasar buka saat renovasi?';
    await page.getByRole('textbox', { name: 'Pertanyaan Anda' }).fill(text);
    await page.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    await upvoteButton(page, text).click();
    await upvoteButton(page, text)
      .and(page.getByRole('button', { pressed: true }))
      .and(settled(page))
      .waitFor();
    const guestBefore = await page.evaluate<string | null>("localStorage.getItem('balai.liveGuest')");
    expect(guestBefore).toContain('Pak Dedi');

    await page.reload();
    await page.getByText('Anda ikut sebagai Pak Dedi').waitFor();
    await upvoteButton(page, text).waitFor();
    expect(await upvoteButton(page, text).getAttribute('aria-pressed')).toBe('true');
    await upvoteButton(page, text)
      .and(page.getByRole('button', { name: 'Dukung pertanyaan ini, 1 dukungan', exact: true }))
      .waitFor();
    expect(await page.getByRole('textbox', { name: 'Nama tampilan' }).count()).toBe(0);
    expect(await page.evaluate<string | null>("localStorage.getItem('balai.liveGuest')")).toBe(guestBefore);

    // A poll opened now arrives without reload; one tap votes, the choice is marked and the results show.
    const poll = await moderator.http.post('/polls', {
      question: 'Jam buka pasar sementara?',
      options: ['Pagi', 'Sore'],
      liveSessionId: session.id,
    });
    expect(poll.status).toBe(201);
    const card = page.getByRole('article', { name: 'Jam buka pasar sementara?' });
    await card.getByRole('button', { name: 'Sore' }).click();
    await card.getByText('Suara Anda tersimpan.').waitFor();
    expect(await card.getByRole('button', { name: 'Sore' }).getAttribute('aria-pressed')).toBe('true');
    expect(await card.getByRole('button', { name: 'Pagi' }).getAttribute('aria-pressed')).toBe('false');
    await card.getByRole('list', { name: 'Hasil: Jam buka pasar sementara?' }).getByText('1 suara · 100%').waitFor();
  });

  it('makes a new guest with the same name when the server refuses the kept token', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Pasar Malam', preModeration: false });
    const { context, page } = await openPhone();
    const refused = JSON.stringify({ displayName: 'Pak Lama', accessToken: 'not-a-token', userId: null });
    await context.addInitScript({
      content: `if (!sessionStorage.getItem('seeded')) { localStorage.setItem('balai.liveGuest', ${JSON.stringify(refused)}); sessionStorage.setItem('seeded', '1'); }`,
    });
    await page.goto(url(`/live/${session.code}`));
    await page.getByRole('heading', { name: /^Pertanyaan \(\d+\)$/ }).waitFor();
    await page.getByText('Anda ikut sebagai Pak Lama').waitFor();
    expect(await page.getByRole('textbox', { name: 'Nama tampilan' }).count()).toBe(0);
    const kept = JSON.parse((await page.evaluate<string | null>("localStorage.getItem('balai.liveGuest')")) ?? '{}');
    expect(kept.displayName).toBe('Pak Lama');
    expect(kept.accessToken).not.toBe('not-a-token');
  });

  it('says it is reconnecting while the network is cut, and resyncs after: a question approved meanwhile appears', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Banjir', preModeration: true });
    const { context, page } = await openPhone();
    await joinAsGuest(page, session.code, 'Mbak Eka');
    await page.getByText('Belum ada pertanyaan. Jadilah yang pertama bertanya.').waitFor();

    await context.setOffline(true);
    await page
      .getByRole('status')
      .filter({ hasText: /Menyambung kembali/ })
      .waitFor();

    // Meanwhile another participant asks and the moderator approves.
    const guest = await createGuest(testApp, 'Tamu Lain');
    const socket = await connectLive(testApp, guest.token);
    sockets.push(socket);
    const joined = await emitAck(socket, 'session:join', { code: session.code });
    expect(joined.ok).toBe(true);
    const text = 'Kapan tanggul diperbaiki?';
    const asked = await emitAck(socket, 'question:ask', { sessionId: session.id, text, clientRequestId: 'offline-test-1' });
    expect(asked.ok).toBe(true);
    await moderate(asked.data.question.id, 'approve');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await upvoteButton(page, text).count()).toBe(0);

    await context.setOffline(false);
    await upvoteButton(page, text).waitFor({ timeout: 20_000 });
    await page.getByRole('status').filter({ hasText: 'Tersambung kembali.' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /Menyambung kembali/ })
      .waitFor({ state: 'detached' });
  });

  it('switches language on the participant page', async () => {
    const session = await createLiveSession(moderator, { title: 'Rapat Sekolah', preModeration: false, allowAnonymous: true });
    const { page } = await openPhone();
    await joinAsGuest(page, session.code, 'Bu Fitri');
    await page.getByRole('checkbox', { name: 'Tanya secara anonim (nama Anda tidak ditampilkan)' }).waitFor();
    await page.getByRole('group', { name: 'Bahasa' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Ask a question' }).waitFor();
    await page.getByRole('textbox', { name: 'Your question' }).waitFor();
    await page.getByRole('checkbox', { name: 'Ask anonymously (your name is not shown)' }).waitFor();
    await page.getByRole('group', { name: 'Sort' }).getByRole('button', { name: 'Top' }).waitFor();
    await page.getByText('You are taking part as Bu Fitri').waitFor();
    await page.getByText('Live now').waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await expectNoSeriousViolations(page);
  });

  it('says so for a wrong code, on /live and on /live/:code, in both languages', async () => {
    const { page } = await openPhone();
    await page.goto(url('/live'));
    const field = page.getByRole('textbox', { name: 'Kode sesi' });
    await field.fill('ab');
    await page.getByRole('button', { name: 'Gabung' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kode terdiri dari 6 huruf dan angka.' }).waitFor();
    await field.fill('zzzzzz');
    await page.getByRole('button', { name: 'Gabung' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tidak ada sesi dengan kode ZZZZZZ.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/live');
    await expectNoSeriousViolations(page);

    await page.goto(url('/live/ZZZZZZ?lang=en'));
    await page.getByRole('heading', { level: 1, name: 'Session not found' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'There is no session with the code ZZZZZZ.' }).waitFor();
    // No guest was made for a session that does not exist.
    expect(await page.getByRole('textbox', { name: 'Display name' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Enter another code' }).click();
    await page.getByRole('heading', { level: 1, name: 'Join a live Q&A' }).waitFor();
  });
});
