import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';
import { collect, connectLive, createLiveSession, emitAck, LiveClient, waitFor } from './live-helpers';

/**
 * The moderator console and the projector screen in Chromium against the real server: participants
 * are guests on raw socket.io-clients, the moderators and the screen are browser pages, controls are
 * found by role and accessible name (Indonesian unless said otherwise).
 */
describe('live console and screen (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let rina: TestAccount;
  let agus: TestAccount;
  let session: { id: string; code: string; title: string };
  const contexts: BrowserContext[] = [];
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    rina = await createAccount(testApp, 'moderator', 'Rina Moderator');
    agus = await createAccount(testApp, 'moderator', 'Agus Moderator');
    session = await createLiveSession(rina, { title: 'Rapat Warga Cempaka', preModeration: true });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  const url = (path: string) => `${testApp.url}${path}`;
  /** LIVE_SCREENSHOTS=<dir>: pictures of the pages as the tests leave them, to read as a moderator or from the back of a hall. */
  const shoot = async (page: Page, name: string, fullPage = false) => {
    if (process.env.LIVE_SCREENSHOTS) await page.screenshot({ path: `${process.env.LIVE_SCREENSHOTS}/${name}.png`, fullPage });
  };

  async function openPage(options: { token?: string; width?: number; height?: number; locale?: string } = {}): Promise<Page> {
    const context = await browser.newContext({
      locale: options.locale ?? 'id-ID',
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    });
    contexts.push(context);
    if (options.token)
      await context.addInitScript({
        content: `(() => { if (!localStorage.getItem('balai.token')) localStorage.setItem('balai.token', ${JSON.stringify(options.token)}); })()`,
      });
    return context.newPage();
  }

  async function openConsole(moderator: TestAccount): Promise<Page> {
    const page = await openPage({ token: moderator.token });
    await page.goto(url(`/live/${session.code}/moderate`));
    await page.getByRole('heading', { level: 1, name: session.title }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Terhubung' }).waitFor();
    return page;
  }

  async function openScreen(): Promise<Page> {
    const page = await openPage({ width: 1920, height: 1080 });
    await page.goto(url(`/live/${session.code}/screen`));
    await page.getByRole('heading', { level: 1, name: session.title }).waitFor();
    return page;
  }

  /** A guest in the hall on a raw socket, joined to the session. */
  async function participant(name: string): Promise<LiveClient> {
    const guest = await createGuest(testApp, name);
    const socket = await connectLive(testApp, guest.token);
    sockets.push(socket);
    const joined = await emitAck(socket, 'session:join', { code: session.code });
    expect(joined.ok).toBe(true);
    return socket;
  }

  async function ask(socket: LiveClient, text: string): Promise<{ id: string; text: string }> {
    const ack = await emitAck(socket, 'question:ask', { sessionId: session.id, text, clientRequestId: randomUUID() });
    expect(ack).toMatchObject({ ok: true, data: { question: { status: 'pending' } } });
    return ack.data.question;
  }

  const queue = (page: Page) => page.getByRole('region', { name: /^Menunggu persetujuan/ });
  const approvedList = (page: Page) => page.getByRole('region', { name: /^Disetujui/ });
  const questionIn = (area: Locator, text: string) => area.getByRole('article', { name: text });
  const topQuestions = (screen: Page) => screen.getByRole('region', { name: 'Pertanyaan teratas' });
  const onScreenArea = (screen: Page) => screen.getByRole('region', { name: 'Pertanyaan saat ini' });

  it('tells a citizen and a visitor that only moderators may open the console', async () => {
    const citizen = await createAccount(testApp, 'citizen', 'Sari');
    const page = await openPage({ token: citizen.token });
    await page.goto(url(`/live/${session.code}/moderate`));
    await page.getByText('Hanya moderator yang dapat membuka konsol sesi langsung ini.').waitFor();
    expect(await page.getByRole('button', { name: 'Setujui' }).count()).toBe(0);

    const visitor = await openPage({ locale: 'en-GB' });
    await visitor.goto(url(`/live/${session.code}/moderate`));
    await visitor.getByText('Only moderators can open the console of this live session.').waitFor();
    await visitor.getByRole('link', { name: 'Sign in as a moderator' }).waitFor();
  });

  let sari: LiveClient;
  let console1: Page;
  let screen: Page;
  const first = 'Kapan taman kota mulai dibangun?';

  it('puts a pre-moderated question in the queue; approved by its button, the screen lists it among the top questions', async () => {
    console1 = await openConsole(rina);
    screen = await openScreen();
    sari = await participant('Sari');
    await ask(sari, first);

    const waiting = questionIn(queue(console1), first);
    await waiting.waitFor();
    // Pending: nowhere on the screen yet.
    expect(await topQuestions(screen).getByText(first).count()).toBe(0);

    await waiting.getByRole('button', { name: 'Setujui' }).click();
    await questionIn(approvedList(console1), first).waitFor();
    await waiting.waitFor({ state: 'detached' });
    await topQuestions(screen).getByText(first).waitFor();
  });

  it('puts the question on screen and takes it off again, and the screen follows', async () => {
    await questionIn(approvedList(console1), first).getByRole('button', { name: 'Ke layar' }).click();
    await onScreenArea(screen).getByText(first).waitFor();
    await console1.getByRole('region', { name: 'Di layar sekarang' }).getByText(first).waitFor();
    // Shown big, it leaves the screen's top list.
    await topQuestions(screen).getByText(first).waitFor({ state: 'detached' });

    await questionIn(approvedList(console1), first).getByRole('button', { name: 'Turunkan' }).click();
    await screen.getByRole('region', { name: 'Selamat datang' }).waitFor();
    await topQuestions(screen).getByText(first).waitFor();
    await shoot(screen, 'screen-idle');
  });

  it('acts on the focused question with the keyboard, never while typing in a field', async () => {
    const second = 'Apakah ada jalur sepeda di taman?';
    await ask(sari, second);
    const item = questionIn(queue(console1), second);
    await item.waitFor();

    // Typing an "a" in a field approves nothing.
    const pollQuestion = console1.getByLabel('Pertanyaan', { exact: true });
    await pollQuestion.focus();
    await console1.keyboard.press('a');
    expect(await pollQuestion.inputValue()).toBe('a');
    await pollQuestion.fill('');

    await item.getByText(second).click();
    await console1.keyboard.press('a');
    await questionIn(approvedList(console1), second).waitFor();
    await topQuestions(screen).getByText(second).waitFor();

    // R opens the reason field on the focused question; Enter rejects with it.
    const third = 'Pertanyaan di luar topik';
    await ask(sari, third);
    await questionIn(queue(console1), third).getByText(third).click();
    await console1.keyboard.press('r');
    const reason = console1.getByLabel('Alasan (hanya untuk penanya)');
    // Typed key by key: its letters (a, r, d) are text in the field, never shortcuts.
    await reason.pressSequentially('Di luar topik');
    const rejected = new Promise<any>((resolve) => sari.once('question:updated', resolve));
    await reason.press('Enter');
    await questionIn(queue(console1), third).waitFor({ state: 'detached' });
    expect((await rejected).question).toMatchObject({ text: third, status: 'rejected', rejectionReason: 'Di luar topik' });
  });

  it("shows each moderator the other's approval live", async () => {
    const console2 = await openConsole(agus);
    const text = 'Berapa anggaran pembangunan taman?';
    await ask(sari, text);
    await questionIn(queue(console1), text).waitFor();
    await questionIn(queue(console2), text).waitFor();

    await questionIn(queue(console2), text).getByRole('button', { name: 'Setujui' }).click();
    await questionIn(approvedList(console1), text).waitFor();
    await questionIn(queue(console1), text).waitFor({ state: 'detached' });

    // And back: the first console's "mark answered" reaches the second.
    await questionIn(approvedList(console1), text).getByRole('button', { name: 'Tandai dijawab' }).click();
    await questionIn(approvedList(console2), text).waitFor({ state: 'detached' });
    await console2.getByText('Sudah dijawab (1)').waitFor();
  });

  it('keeps the screen’s guest apart: the same browser later joins the hall as a new participant, not as "Layar"', async () => {
    const page = await screen.context().newPage();
    await page.goto(url(`/live/${session.code}`));
    await page.getByRole('textbox', { name: 'Nama tampilan' }).waitFor();
    await page.close();
  });

  it('opens a live poll from the console whose chart on the screen follows a ballot', async () => {
    const opened = collect<{ poll: { id: string; question: string; options: { id: string; label: string }[] } }>(sari, 'poll:opened');
    const question = 'Fasilitas apa yang paling dibutuhkan?';
    await console1.getByLabel('Pertanyaan', { exact: true }).fill(question);
    const option = (n: number) => console1.getByRole('textbox', { name: `Pilihan ${n}` });
    await option(1).fill('Taman bermain');
    await option(2).fill('Jalur jogging');
    await console1.getByRole('button', { name: 'Tambah pilihan' }).click();
    await option(3).fill('Toilet umum');
    await console1.getByRole('button', { name: 'Buka jajak pendapat' }).click();

    const table = screen.getByRole('table', { name: `Hasil: ${question}` });
    await table.waitFor();
    const row = (t: Locator, label: string) => t.getByRole('row', { name: new RegExp(`^${label}`) });
    expect(await row(table, 'Taman bermain').innerText()).toMatch(/^Taman bermain\s+0\s+0%$/);
    // A real chart is drawn on the screen.
    const canvas = screen.locator('.screen-poll canvas');
    expect(Number(await canvas.getAttribute('width'))).toBeGreaterThan(300);
    expect(Number(await canvas.getAttribute('height'))).toBeGreaterThan(100);

    await waitFor(() => opened.length > 0, 'poll:opened at the participant');
    const poll = opened[0].poll;
    const playground = poll.options.find((option) => option.label === 'Taman bermain')!;
    const vote = await emitAck(sari, 'poll:vote', { pollId: poll.id, optionIds: [playground.id] });
    expect(vote.ok).toBe(true);

    await waitFor(
      async () => /^Taman bermain\s+1\s+100%$/.test(await row(table, 'Taman bermain').innerText()),
      'the screen chart to count the ballot',
    );
    expect(await screen.getByText('1 orang memberi suara').count()).toBe(1);
    // The console's chart of the same poll follows too.
    const consoleTable = console1.getByRole('table', { name: `Hasil: ${question}` });
    await waitFor(async () => /^Taman bermain\s+1\s+100%$/.test(await row(consoleTable, 'Taman bermain').innerText()), 'the console chart');
  });

  it('starts and ends a session, and closes a poll, from the console', async () => {
    const scheduled = await createLiveSession(rina, { title: 'Musyawarah RW 07' }, false);
    const page = await openPage({ token: rina.token });
    await page.goto(url(`/live/${scheduled.code}/moderate`));
    await page.getByRole('heading', { level: 1, name: 'Musyawarah RW 07' }).waitFor();
    await page.getByText('Belum dimulai').waitFor();
    await page.getByRole('button', { name: 'Mulai sesi' }).click();
    await page.getByText('Berlangsung', { exact: true }).waitFor();

    const question = 'Setuju jalan ditutup saat car free day?';
    await page.getByLabel('Pertanyaan', { exact: true }).fill(question);
    await page.getByRole('textbox', { name: 'Pilihan 1' }).fill('Setuju');
    await page.getByRole('textbox', { name: 'Pilihan 2' }).fill('Tidak setuju');
    await page.getByRole('button', { name: 'Buka jajak pendapat' }).click();
    const poll = page.getByRole('article', { name: question });
    await poll.getByText('Dibuka', { exact: true }).waitFor();
    await poll.getByRole('button', { name: 'Tutup jajak pendapat' }).click();
    await poll.getByText('Ditutup', { exact: true }).waitFor();
    expect(await poll.getByRole('button', { name: 'Tutup jajak pendapat' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Akhiri sesi' }).click();
    await page.getByRole('button', { name: 'Ya, akhiri' }).click();
    await page.getByText('Selesai', { exact: true }).waitFor();
    const ended = await rina.http.get(`/live-sessions/${scheduled.id}`);
    expect(ended.body.status).toBe('ended');
    // An ended session takes no new poll.
    expect(await page.getByRole('button', { name: 'Buka jajak pendapat' }).count()).toBe(0);
  });

  it('fits the full screen at 1920×1080 without scrollbars, with long questions, the top five and an open poll', async () => {
    const filler =
      'Bagaimana rencana pemerintah kota untuk memastikan taman baru ini tetap terawat, aman, dan dapat diakses oleh semua warga';
    const askers = await Promise.all([participant('Warga 1'), participant('Warga 2')]);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const text = `${filler}, termasuk lansia dan penyandang disabilitas, nomor ${i + 1}? ${'Mohon penjelasan rinci. '.repeat(6)}`.slice(
        0,
        480,
      );
      ids.push((await ask(askers[i % 2], text)).id);
    }
    for (const id of ids) {
      const approved = await rina.http.post(`/live-questions/${id}/moderate`, { action: 'approve' });
      expect(approved.status).toBe(200);
    }
    const shown = await rina.http.post(`/live-questions/${ids[0]}/moderate`, { action: 'show' });
    expect(shown.status).toBe(200);
    await onScreenArea(screen)
      .getByText(/nomor 1\?/)
      .waitFor();
    await waitFor(async () => (await topQuestions(screen).getByRole('listitem').count()) === 5, 'five top questions');

    await shoot(screen, 'screen-id');
    await shoot(console1, 'console-id');
    await shoot(console1, 'console-id-full', true);
    const scrolling = (page: Page) =>
      page.evaluate<{ sh: number; ch: number; sw: number; cw: number }>(
        '(() => { const s = document.scrollingElement; return { sh: s.scrollHeight, ch: s.clientHeight, sw: s.scrollWidth, cw: s.clientWidth }; })()',
      );
    const size = await scrolling(screen);
    expect(size.ch).toBe(1080);
    expect(size.sh).toBeLessThanOrEqual(size.ch);
    expect(size.sw).toBeLessThanOrEqual(size.cw);

    // The same in English (longer words), opened afresh.
    const english = await openPage({ width: 1920, height: 1080, locale: 'en-GB' });
    await english.goto(url(`/live/${session.code}/screen`));
    await english
      .getByRole('region', { name: 'Current question' })
      .getByText(/nomor 1\?/)
      .waitFor();
    await english.getByRole('table', { name: /^Results: / }).waitFor();
    await shoot(english, 'screen-en');
    const englishSize = await scrolling(english);
    expect(englishSize.sh).toBeLessThanOrEqual(englishSize.ch);
    expect(englishSize.sw).toBeLessThanOrEqual(englishSize.cw);
    if (process.env.LIVE_SCREENSHOTS) {
      const englishConsole = await openPage({ token: rina.token, locale: 'en-GB' });
      await englishConsole.goto(url(`/live/${session.code}/moderate`));
      await englishConsole.getByRole('heading', { level: 1, name: session.title }).waitFor();
      await englishConsole.keyboard.press('?');
      await shoot(englishConsole, 'console-en');
      await englishConsole.setViewportSize({ width: 768, height: 1024 });
      await shoot(englishConsole, 'console-en-768');
    }
    // axe-core: no serious or critical violation on either page, with everything on them.
    await expectNoSeriousViolations(screen);
    await expectNoSeriousViolations(english);
    await expectNoSeriousViolations(console1);
    // No controls on the projector.
    expect(await screen.getByRole('button').count()).toBe(0);
    // The QR code leads to the participant page of this session.
    await screen.getByRole('img', { name: `Kode QR ke ${testApp.url}/live/${session.code}` }).waitFor();
  });
});
