import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';

/**
 * The web app in a real browser against the real server and PostgreSQL: the built dist/web is
 * served by the api at `/`, data is made through the API, the browser finds controls by role and
 * accessible name, as a screen reader would.
 */
describe('web app (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let official: TestAccount;
  let sari: TestAccount;
  let budi: TestAccount;
  let consultation: { id: string; title: string };
  let thread: { id: string; title: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    official = await createAccount(testApp, 'official', 'Kantor Walikota');
    sari = await createAccount(testApp, 'citizen', 'Sari Wulandari');
    budi = await createAccount(testApp, 'citizen', 'Budi Santoso');
    const created = await official.http.post('/consultations', {
      title: 'Desain Taman Kota Cempaka',
      description: '## Taman untuk semua\n\nApa yang **Anda** inginkan di taman baru?',
    });
    expect(created.status).toBe(201);
    consultation = created.body;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  /** A fresh browser profile (empty localStorage), optionally signed in with a token. */
  async function openPage(options: { locale?: string; token?: string; savedLanguage?: string } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: options.locale ?? 'id-ID', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const seed = { token: options.token ?? null, lang: options.savedLanguage ?? null };
    // Runs before the app on every load; only fills what is empty, so the app's own writes survive reloads.
    // Browser-side code is written as strings: this file is type-checked without the DOM library.
    await context.addInitScript({
      content: `(() => {
        const seed = ${JSON.stringify(seed)};
        if (sessionStorage.getItem('seeded')) return;
        if (seed.token) localStorage.setItem('balai.token', seed.token);
        if (seed.lang) localStorage.setItem('balai.lang', seed.lang);
        sessionStorage.setItem('seeded', '1');
      })()`,
    });
    return context.newPage();
  }

  const url = (path: string) => `${testApp.url}${path}`;
  const htmlLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');

  describe('translations', () => {
    const WEB_SRC = join(__dirname, '..', '..', 'apps', 'web', 'src');
    const keysOf = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key))
        : [prefix];
    const I18N = join(WEB_SRC, 'i18n');
    const readJson = (name: string) => JSON.parse(readFileSync(join(I18N, name), 'utf8'));
    /** The site's catalogue (`<language>.json`) with each area's (`<area>.<language>.json`) under `<area>.*`, as i18n/index.ts merges them. */
    const resources = (language: string) => {
      const areas = readdirSync(I18N)
        .map((name) => new RegExp(`^([a-z]+)\\.${language}\\.json$`).exec(name)?.[1])
        .filter((area): area is string => !!area);
      return Object.fromEntries([
        ...Object.entries(readJson(`${language}.json`)),
        ...areas.map((area) => [area, readJson(`${area}.${language}.json`)]),
      ]);
    };

    it('reads every area catalogue in both languages', () => {
      const areas = (language: string) =>
        readdirSync(I18N)
          .filter((name) => name.endsWith(`.${language}.json`))
          .map((name) => name.split('.')[0])
          .sort();
      expect(areas('en')).toEqual(areas('id'));
      expect(areas('id')).toEqual(expect.arrayContaining(['live', 'console', 'screen']));
    });

    it('has the same keys in Indonesian and English', () => {
      expect(keysOf(resources('en')).sort()).toEqual(keysOf(resources('id')).sort());
    });

    it('has every literal key the sources use', () => {
      const files = (directory: string): string[] =>
        readdirSync(directory).flatMap((name) => {
          const path = join(directory, name);
          return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
        });
      const used = new Set(
        files(WEB_SRC).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)].map((m) => m[1])),
      );
      const known = new Set(keysOf(resources('id')).map((key) => key.replace(/_(one|other)$/, '')));
      expect([...used].filter((key) => !known.has(key))).toEqual([]);
      expect(used.size).toBeGreaterThan(50);
    });
  });

  describe('serving the app', () => {
    it('answers its pages to browsers and to tools such as curl, and never with a page for a missing file or API route', async () => {
      for (const accept of ['text/html,application/xhtml+xml', '*/*', undefined]) {
        const response = await fetch(url('/consultations/some-id'), { headers: accept ? { accept } : {} });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
      }
      expect((await fetch(url('/assets/gone.js'), { headers: { accept: '*/*' } })).status).toBe(404);
      expect((await fetch(url('/favicon-gone.ico'), { headers: { accept: 'text/html' } })).status).toBe(404);
      const api = await fetch(url('/api/v1/no-such-route'), { headers: { accept: 'text/html' } });
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toContain('application/problem+json');
      expect((await fetch(url('/consultations/x'), { headers: { accept: 'application/json' } })).status).toBe(404);
    });

    it("names the participant page's code in the page for /live/:code only, so a phone fetches it beside the app's", async () => {
      const preloads = async (path: string) =>
        [...(await (await fetch(url(path))).text()).matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
      const participant = await preloads('/live/ABC234');
      expect(participant).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\/ParticipantPage-[\w-]+\.js$/)]));
      for (const file of participant) expect([file, (await fetch(url(file))).status]).toEqual([file, 200]);
      expect(await preloads('/live/ABC234?lang=en')).toEqual(participant);
      for (const path of ['/', '/live', '/live/new', '/live/ABC234/moderate', '/live/ABC234/screen'])
        expect(await preloads(path)).toEqual([]);
    });
  });

  describe('home and language', () => {
    it('lists the open consultation, linking to its page', async () => {
      const page = await openPage();
      await page.goto(url('/'));
      await page.getByRole('heading', { level: 1, name: 'Konsultasi yang dibuka' }).waitFor();
      const link = page.getByRole('link', { name: consultation.title });
      expect(await link.getAttribute('href')).toBe(`/consultations/${consultation.id}`);
      // A plain-text teaser of the Markdown description: rendered, not raw.
      const card = page.locator('.card', { has: link });
      expect(await card.locator('.excerpt').innerText()).toBe('Taman untuk semua Apa yang Anda inginkan di taman baru?');
      await link.click();
      await page.getByRole('heading', { level: 1, name: consultation.title }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/consultations/${consultation.id}`);
    });

    it('switches language: visible text, <html lang>, and the choice survives a reload', async () => {
      const page = await openPage();
      await page.goto(url('/'));
      await page.getByRole('heading', { level: 1, name: 'Konsultasi yang dibuka' }).waitFor();
      expect(await htmlLang(page)).toBe('id');

      await page.getByRole('group', { name: 'Bahasa' }).getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Open consultations' }).waitFor();
      expect(await htmlLang(page)).toBe('en');
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Open consultations' }).waitFor();
      expect(await htmlLang(page)).toBe('en');
    });

    it('lets ?lang=en win over a saved choice, and follows the browser when nothing is chosen', async () => {
      const page = await openPage({ savedLanguage: 'id' });
      await page.goto(url('/?lang=en'));
      await page.getByRole('heading', { level: 1, name: 'Open consultations' }).waitFor();
      expect(await htmlLang(page)).toBe('en');

      const english = await openPage({ locale: 'en-US' });
      await english.goto(url('/'));
      await english.getByRole('heading', { level: 1, name: 'Open consultations' }).waitFor();

      const other = await openPage({ locale: 'fr-FR' });
      await other.goto(url('/'));
      await other.getByRole('heading', { level: 1, name: 'Konsultasi yang dibuka' }).waitFor();
      expect(await htmlLang(other)).toBe('id');
    });
  });

  describe('accounts', () => {
    it('registers, signs out and signs in again through the forms', async () => {
      const page = await openPage();
      const email = `dewi-${Date.now()}@test.balai`;
      await page.goto(url('/register'));
      await page.getByLabel('Nama tampilan').fill('Dewi Lestari');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia');
      await page.getByRole('button', { name: 'Buat akun' }).click();
      await page.getByText('Masuk sebagai Dewi Lestari').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');

      await page.getByRole('button', { name: 'Keluar' }).click();
      await page.getByRole('navigation').getByRole('link', { name: 'Masuk' }).click();
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia');
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByText('Masuk sebagai Dewi Lestari').waitFor();
      // The session is kept: a reload is still signed in.
      await page.reload();
      await page.getByText('Masuk sebagai Dewi Lestari').waitFor();
    });

    it('shows the API validation errors next to each field', async () => {
      const page = await openPage({ locale: 'en-GB' });
      await page.goto(url('/register'));
      await page.getByLabel('E-mail').fill('not-an-email');
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();

      for (const label of ['Display name', 'E-mail', 'Password']) {
        const field = page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
        const message = field.locator('.field-error');
        await message.waitFor();
        expect((await message.innerText()).length).toBeGreaterThan(0);
        // Announced with the control: aria-invalid, and aria-describedby pointing at the message.
        const input = page.getByLabel(label, { exact: true });
        expect(await input.getAttribute('aria-invalid')).toBe('true');
        expect((await input.getAttribute('aria-describedby'))!.split(' ')).toContain(await message.getAttribute('id'));
      }
      // Worded in the page's language, under the field the API named.
      const emailField = page.locator('.field', { has: page.getByLabel('E-mail') });
      expect(await emailField.locator('.field-error').innerText()).toBe('Enter a valid e-mail address.');
      const passwordField = page.locator('.field', { has: page.getByLabel('Password') });
      expect(await passwordField.locator('.field-error').innerText()).toBe('Use at least 10 characters.');
    });

    it('forgets a token the server refuses and shows the visitor links', async () => {
      const page = await openPage({ token: 'not-a-valid-token' });
      await page.goto(url('/'));
      await page.getByRole('navigation').getByRole('link', { name: 'Daftar' }).waitFor();
      expect(await page.evaluate('localStorage.getItem("balai.token")')).toBeNull();
    });

    it('signs out on the server too: the old token is refused afterwards', async () => {
      const citizen = await createAccount(testApp, 'citizen', 'Wulan Sari');
      const page = await openPage({ token: citizen.token });
      await page.goto(url('/'));
      await page.getByText('Masuk sebagai Wulan Sari').waitFor();
      const logout = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/logout');
      await page.getByRole('button', { name: 'Keluar' }).click();
      expect((await logout).status()).toBe(204);
      await page.getByRole('navigation').getByRole('link', { name: 'Daftar' }).waitFor();
      expect(await page.evaluate('localStorage.getItem("balai.token")')).toBeNull();
      const old = await citizen.http.get('/me');
      expect({ status: old.status, code: old.body.code }).toEqual({ status: 401, code: 'token_revoked' });
    });

    it('signs a tab out with a message, in its language, when the session is ended elsewhere', async () => {
      for (const [locale, name, message] of [
        ['id-ID', 'Masuk sebagai Rahmat', 'Sesi Anda telah berakhir'],
        ['en-GB', 'Signed in as Rahmat', 'Your session has ended'],
      ] as const) {
        const citizen = await createAccount(testApp, 'citizen', 'Rahmat');
        const page = await openPage({ token: citizen.token, locale });
        await page.goto(url('/'));
        await page.getByText(name).waitFor();
        // Signed out on another device: the server closes this tab's socket, and the tab learns why.
        expect((await citizen.http.post('/auth/logout')).status).toBe(204);
        await page.getByRole('status').filter({ hasText: message }).waitFor();
        expect(await page.getByText(name).count()).toBe(0);
        expect(await page.evaluate('localStorage.getItem("balai.token")')).toBeNull();
        await expectNoSeriousViolations(page);
      }
    });

    it('shows a wrong password as an alert, in the page language', async () => {
      const page = await openPage();
      await page.goto(url('/login'));
      await page.getByLabel('E-mail').fill(sari.email);
      await page.getByLabel('Kata sandi').fill('wrong-password-1');
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('alert').filter({ hasText: 'E-mail atau kata sandi salah.' }).waitFor();
    });
  });

  describe('forum', () => {
    beforeAll(async () => {
      const opened = await sari.http.post('/threads', {
        consultationId: consultation.id,
        kind: 'idea',
        title: 'Tambahkan taman bermain inklusif',
        body: 'Anak-anak dengan disabilitas juga perlu tempat bermain.',
      });
      expect(opened.status).toBe(201);
      thread = opened.body;
    });

    describe('consultation and threads', () => {
      it('renders the consultation, its counts and threads, and starts a new thread', async () => {
        const page = await openPage({ token: budi.token });
        await page.goto(url(`/consultations/${consultation.id}`));
        await page.getByRole('heading', { level: 1, name: consultation.title }).waitFor();
        // Markdown description rendered as HTML.
        await page.getByRole('heading', { level: 2, name: 'Taman untuk semua' }).waitFor();
        expect(await page.locator('.prose strong').innerText()).toBe('Anda');
        await page.getByRole('link', { name: thread.title }).waitFor();

        const threadCount = page.locator('.counts div', { hasText: 'Diskusi' }).locator('dd');
        const before = (await sari.http.get(`/consultations/${consultation.id}`)).body.counts.threads;
        expect(await threadCount.innerText()).toBe(String(before));

        await page.getByLabel('Jenis', { exact: true }).selectOption('question');
        await page.getByLabel('Judul').fill('Kapan taman mulai dibangun?');
        await page.getByLabel('Apa yang ingin Anda sampaikan?').fill('Mohon jadwal pembangunannya diumumkan.');
        await page.getByRole('button', { name: 'Terbitkan diskusi' }).click();

        const link = page.getByRole('link', { name: 'Kapan taman mulai dibangun?' });
        await link.waitFor();
        expect(await threadCount.innerText()).toBe(String(before + 1));
        const card = page.locator('.card', { has: link });
        expect(await card.innerText()).toContain('Pertanyaan');
        expect(await page.getByLabel('Judul').inputValue()).toBe('');

        // It is really stored: a fresh load lists it too.
        await page.reload();
        await page.getByRole('link', { name: 'Kapan taman mulai dibangun?' }).waitFor();
      });

      it('filters threads by kind and finds them by search', async () => {
        // Another thread, without the word searched for below.
        const other = await sari.http.post('/threads', {
          consultationId: consultation.id,
          kind: 'discussion',
          title: 'Lampu jalan di sekitar taman',
          body: 'Malam hari terlalu gelap untuk berjalan kaki.',
        });
        expect(other.status).toBe(201);
        const page = await openPage();
        await page.goto(url(`/consultations/${consultation.id}`));
        const threads = page.getByRole('list', { name: 'Diskusi' });
        const titles = () => threads.getByRole('listitem').getByRole('heading').allInnerTexts();
        await threads.getByRole('link', { name: thread.title }).waitFor();
        await threads.getByRole('link', { name: other.body.title }).waitFor();
        const noMatch = page.getByText('Tidak ada diskusi yang cocok dengan pencarian Anda.');

        await page.getByLabel('Saring menurut jenis').selectOption('complaint');
        await noMatch.waitFor();
        expect(await threads.count()).toBe(0);
        await page.getByLabel('Saring menurut jenis').selectOption('');
        await threads.getByRole('link', { name: other.body.title }).waitFor();

        // Only the first thread says "bermain": the list holds it alone.
        const search = page.getByRole('searchbox', { name: 'Cari diskusi' });
        await search.fill('bermain');
        await page.getByRole('button', { name: 'Cari', exact: true }).click();
        await threads.getByRole('link', { name: other.body.title }).waitFor({ state: 'detached' });
        await threads.getByRole('link', { name: thread.title }).waitFor();
        expect(await titles()).toEqual([thread.title]);

        // A word no thread holds: the empty state, and no list.
        await search.fill('helikopter');
        await page.getByRole('button', { name: 'Cari', exact: true }).click();
        await noMatch.waitFor();
        expect(await threads.count()).toBe(0);

        // Clearing the search lists every thread again.
        await page.getByRole('button', { name: 'Hapus pencarian' }).click();
        await threads.getByRole('link', { name: other.body.title }).waitFor();
        expect(await titles()).toEqual(expect.arrayContaining([thread.title, other.body.title]));
        expect(await search.inputValue()).toBe('');
      });

      it('asks a visitor to sign in instead of showing the form', async () => {
        const page = await openPage();
        await page.goto(url(`/consultations/${consultation.id}`));
        await page.getByRole('heading', { level: 1, name: consultation.title }).waitFor();
        await page.getByRole('link', { name: 'Masuk untuk memulai diskusi' }).waitFor();
        expect(await page.getByRole('button', { name: 'Terbitkan diskusi' }).count()).toBe(0);
      });

      it('shows the API validation errors of the thread form next to its fields', async () => {
        const page = await openPage({ token: budi.token });
        await page.goto(url(`/consultations/${consultation.id}`));
        await page.getByLabel('Judul').fill('ab');
        await page.getByRole('button', { name: 'Terbitkan diskusi' }).click();
        const titleField = page.locator('.field', { has: page.getByLabel('Judul') });
        await titleField.locator('.field-error', { hasText: 'Judul harus 3 sampai 200 karakter.' }).waitFor();
        expect(await page.getByLabel('Judul').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByLabel('Apa yang ingin Anda sampaikan?').getAttribute('aria-invalid')).toBe('true');
      });
    });

    describe('thread page', () => {
      it('toggles support and the count follows', async () => {
        const page = await openPage({ token: budi.token });
        await page.goto(url(`/threads/${thread.id}`));
        await page.getByRole('heading', { level: 1, name: thread.title }).waitFor();
        await page.getByText('0 dukungan', { exact: true }).waitFor();
        const button = page.getByRole('button', { name: 'Dukung ini' });
        expect(await button.getAttribute('aria-pressed')).toBe('false');
        await button.click();
        await page.getByText('1 dukungan', { exact: true }).waitFor();
        const pressed = page.getByRole('button', { name: 'Didukung' });
        expect(await pressed.getAttribute('aria-pressed')).toBe('true');
        expect((await sari.http.get(`/threads/${thread.id}`)).body.supports).toBe(1);

        await pressed.click();
        await page.getByText('0 dukungan', { exact: true }).waitFor();
        expect((await sari.http.get(`/threads/${thread.id}`)).body.supports).toBe(0);
      });

      it('posts a reply that appears in the list', async () => {
        const page = await openPage({ token: budi.token });
        await page.goto(url(`/threads/${thread.id}`));
        await page.getByRole('heading', { level: 1, name: thread.title }).waitFor();
        await page.getByLabel('Balasan Anda').fill('Setuju, dengan **jalur kursi roda** juga.');
        await page.getByRole('button', { name: 'Kirim balasan' }).click();
        const reply = page.getByRole('article', { name: 'Budi Santoso' });
        await reply.getByText('jalur kursi roda').waitFor();
        expect(await reply.locator('strong', { hasText: 'jalur kursi roda' }).count()).toBe(1);
        expect(await page.getByLabel('Balasan Anda').inputValue()).toBe('');
        await page.reload();
        await page.getByRole('article', { name: 'Budi Santoso' }).getByText('jalur kursi roda').waitFor();
      });

      it("marks an official's post with the official response badge, and no one else's", async () => {
        const answered = await sari.http.post('/threads', {
          consultationId: consultation.id,
          kind: 'question',
          title: 'Apakah ada anggaran perawatan?',
          body: 'Taman sering rusak setelah dua tahun.',
        });
        await sari.http.post(`/threads/${answered.body.id}/posts`, { body: 'Saya juga ingin tahu.' });
        const official_ = await official.http.post(`/threads/${answered.body.id}/posts`, {
          body: 'Anggaran perawatan tersedia setiap tahun.',
        });
        expect(official_.body.official).toBe(true);

        const page = await openPage({ locale: 'en-GB' });
        await page.goto(url(`/threads/${answered.body.id}`));
        const officialPost = page.getByRole('article', { name: 'Kantor Walikota' });
        await officialPost.getByText('Anggaran perawatan tersedia setiap tahun.').waitFor();
        expect(await officialPost.getByText('Official response', { exact: true }).count()).toBe(1);
        const citizenPost = page.getByRole('article', { name: 'Sari Wulandari' });
        await citizenPost.getByText('Saya juga ingin tahu.').waitFor();
        expect(await citizenPost.getByText('Official response', { exact: true }).count()).toBe(0);
      });

      it('renders hostile Markdown safely: no script runs, no handler or javascript: link survives', async () => {
        const hostile = await sari.http.post('/threads', {
          consultationId: consultation.id,
          kind: 'discussion',
          title: '<img src=x onerror="window.__xss=1"> judul',
          body: [
            'Teks biasa sebelum.',
            '<script>window.__xss=1</script>',
            '<img src=x onerror="window.__xss=1">',
            '[klik di sini](javascript:window.__xss=1)',
            '<a href="javascript:window.__xss=1">tautan kedua</a>',
            'Teks biasa sesudah.',
          ].join('\n\n'),
        });
        expect(hostile.status).toBe(201);
        await sari.http.post(`/threads/${hostile.body.id}/posts`, { body: '<img src=x onerror="window.__xss=1"> balasan' });

        const page = await openPage();
        await page.goto(url(`/threads/${hostile.body.id}`));
        // The title is text, never markup.
        await page.getByRole('heading', { level: 1, name: '<img src=x onerror="window.__xss=1"> judul' }).waitFor();
        await page.getByText('Teks biasa sesudah.').waitFor();
        await page.locator('.post .markdown', { hasText: 'balasan' }).waitFor();
        await page.getByText('klik di sini').click();
        await page.getByText('tautan kedua').click();

        expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
        const rendered = await page.evaluate(`(() => {
          const nodes = [...document.querySelectorAll('.markdown, .markdown *')];
          return {
            scripts: document.querySelectorAll('main script').length,
            handlers: nodes.filter((node) => [...node.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
            javascriptLinks: nodes.filter((node) => (node.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')).length,
            images: document.querySelectorAll('.markdown img').length,
          };
        })()`);
        expect(rendered).toEqual({ scripts: 0, handlers: 0, javascriptLinks: 0, images: 2 });
      });
    });
  });

  describe('polls on the consultation page', () => {
    type Poll = { id: string; question: string; options: { id: string; label: string }[] };
    let hours: Poll;
    let facilities: Poll;
    let lighting: Poll;

    beforeAll(async () => {
      const create = async (body: Record<string, unknown>): Promise<Poll> => {
        const res = await official.http.post('/polls', { consultationId: consultation.id, ...body });
        expect(res.status).toBe(201);
        return res.body;
      };
      lighting = await create({
        question: 'Perlukah lampu taman menyala sepanjang malam?',
        options: ['Ya', 'Tidak'],
        resultsVisibility: 'after_close',
      });
      facilities = await create({
        question: 'Fasilitas apa yang paling dibutuhkan?',
        options: ['Taman bermain anak', 'Jalur jogging', 'Toilet umum'],
        multiple: true,
      });
      hours = await create({ question: 'Jam buka taman yang paling cocok?', options: ['05.00–18.00', '05.00–22.00'] });
    });

    it('lets a citizen vote with radio buttons or checkboxes, then shows the vote saved and the new results', async () => {
      const page = await openPage({ token: budi.token });
      await page.goto(url(`/consultations/${consultation.id}`));
      await page.getByRole('heading', { level: 2, name: 'Jajak pendapat' }).waitFor();

      const single = page.getByRole('article', { name: hours.question });
      await single.getByRole('group', { name: hours.question }).getByRole('radio', { name: '05.00–22.00' }).check();
      await single.getByRole('button', { name: 'Kirim suara' }).click();
      await single.getByRole('status').filter({ hasText: 'Suara Anda telah disimpan.' }).waitFor();
      const hoursResults = single.getByRole('list', { name: `Hasil: ${hours.question}` });
      await hoursResults.getByRole('listitem').filter({ hasText: '05.00–22.00' }).filter({ hasText: '1 suara · 100%' }).waitFor();
      expect(await hoursResults.getByRole('listitem').filter({ hasText: '05.00–18.00' }).innerText()).toContain('0 suara · 0%');
      await single.getByRole('button', { name: 'Ubah suara' }).waitFor();

      const multiple = page.getByRole('article', { name: facilities.question });
      expect(await multiple.getByRole('radio').count()).toBe(0);
      await multiple.getByRole('checkbox', { name: 'Taman bermain anak' }).check();
      await multiple.getByRole('checkbox', { name: 'Toilet umum' }).check();
      await multiple.getByRole('button', { name: 'Kirim suara' }).click();
      await multiple.getByRole('status').filter({ hasText: 'Suara Anda telah disimpan.' }).waitFor();
      await multiple.getByText('1 orang memberi suara').waitFor();

      // Results hidden until close: the vote is saved, the counts stay out of sight.
      const hidden = page.getByRole('article', { name: lighting.question });
      await hidden.getByText('Hasil diumumkan setelah jajak pendapat ditutup.').waitFor();
      await hidden.getByRole('radio', { name: 'Ya' }).check();
      await hidden.getByRole('button', { name: 'Kirim suara' }).click();
      await hidden.getByRole('status').filter({ hasText: 'Suara Anda telah disimpan.' }).waitFor();
      expect(await hidden.getByRole('list', { name: `Hasil: ${lighting.question}` }).count()).toBe(0);

      const stored = await budi.http.get(`/polls/${facilities.id}`);
      expect(stored.body.myBallot).toEqual({ optionIds: [facilities.options[0].id, facilities.options[2].id] });
      expect((await budi.http.get(`/polls/${hours.id}`)).body.results.totalBallots).toBe(1);
      expect((await budi.http.get(`/polls/${lighting.id}`)).body.myBallot).toEqual({ optionIds: [lighting.options[0].id] });

      // A fresh load shows the ballot already chosen.
      await page.reload();
      const reloaded = page.getByRole('article', { name: facilities.question });
      await reloaded.getByRole('button', { name: 'Ubah suara' }).waitFor();
      expect(await reloaded.getByRole('checkbox', { name: 'Toilet umum' }).isChecked()).toBe(true);
      expect(await reloaded.getByRole('checkbox', { name: 'Jalur jogging' }).isChecked()).toBe(false);
    });

    it('shows a visitor the polls and visible results, in English too, with a sign-in link instead of a ballot', async () => {
      const page = await openPage({ locale: 'en-GB' });
      await page.goto(url(`/consultations/${consultation.id}`));
      await page.getByRole('heading', { level: 2, name: 'Polls' }).waitFor();
      const single = page.getByRole('article', { name: hours.question });
      await single.getByRole('link', { name: 'Sign in to vote' }).waitFor();
      expect(await single.getByRole('radio').count()).toBe(0);
      await single
        .getByRole('list', { name: `Results: ${hours.question}` })
        .getByText('1 vote · 100%')
        .waitFor();
      await page.getByRole('article', { name: lighting.question }).getByText('Results are shown once the poll closes.').waitFor();
    });

    it('shows a closed poll closed, with its results and no ballot', async () => {
      expect((await official.http.post(`/polls/${lighting.id}/close`)).status).toBe(200);
      const page = await openPage({ token: sari.token });
      await page.goto(url(`/consultations/${consultation.id}`));
      const closed = page.getByRole('article', { name: lighting.question });
      await closed.getByText('Ditutup', { exact: true }).waitFor();
      expect(await closed.getByRole('radio').count()).toBe(0);
      await closed
        .getByRole('list', { name: `Hasil: ${lighting.question}` })
        .getByText('1 suara · 100%')
        .waitFor();
    });
  });

  describe('a consultation past its closing time', () => {
    it('takes no more threads, replies, supports or ballots, though its status still says open', async () => {
      const closesAt = new Date(Date.now() + 4000);
      const created = await official.http.post('/consultations', {
        title: 'Jadwal Pasar Malam',
        description: 'Kapan pasar malam sebaiknya buka?',
        closesAt: closesAt.toISOString(),
      });
      expect(created.status).toBe(201);
      const late = created.body;
      const opened = await sari.http.post('/threads', {
        consultationId: late.id,
        kind: 'idea',
        title: 'Buka setiap Sabtu',
        body: 'Akhir pekan paling ramai.',
      });
      expect(opened.status).toBe(201);
      const poll = await official.http.post('/polls', {
        consultationId: late.id,
        question: 'Hari apa yang paling cocok?',
        options: ['Jumat', 'Sabtu'],
      });
      expect(poll.status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, closesAt.getTime() - Date.now() + 200));
      expect((await budi.http.get(`/consultations/${late.id}`)).body).toMatchObject({ status: 'open', acceptsInput: false });

      const page = await openPage({ token: budi.token });
      await page.goto(url(`/consultations/${late.id}`));
      await page.getByRole('heading', { level: 1, name: late.title }).waitFor();
      await page.getByText('Konsultasi ini tidak lagi menerima kontribusi baru.').waitFor();
      await page.getByRole('link', { name: opened.body.title }).waitFor();
      expect(await page.getByRole('button', { name: 'Terbitkan diskusi' }).count()).toBe(0);
      const closedPoll = page.getByRole('article', { name: poll.body.question });
      await closedPoll.getByText('Ditutup', { exact: true }).waitFor();
      expect(await closedPoll.getByRole('radio').count()).toBe(0);

      await page.goto(url(`/threads/${opened.body.id}`));
      await page.getByRole('heading', { level: 1, name: opened.body.title }).waitFor();
      await page.getByText('Konsultasi ini tidak lagi menerima kontribusi baru.').waitFor();
      await page.getByText('0 dukungan', { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Dukung ini' }).count()).toBe(0);
      expect(await page.getByLabel('Balasan Anda').count()).toBe(0);
    });
  });

  describe('the way into live sessions', () => {
    let moderator: TestAccount;
    const live: { id: string; code: string; title: string }[] = [];

    beforeAll(async () => {
      moderator = await createAccount(testApp, 'moderator', 'Rina Moderator');
    });

    async function createSession(title: string, start: boolean): Promise<{ id: string; code: string; title: string }> {
      const created = await moderator.http.post('/live-sessions', { title });
      expect(created.status).toBe(201);
      if (start) expect((await moderator.http.post(`/live-sessions/${created.body.id}/start`)).status).toBe(200);
      return created.body;
    }

    const liveNow = (page: Page, name: string) => page.getByRole('region', { name });

    describe('serving the bundle: compressed, cached by content hash, with a favicon', () => {
      /** The built files index.html names: the entry script, its stylesheet, the favicon. */
      async function builtFiles(): Promise<{ script: string; style: string; icon: string }> {
        const html = await (await fetch(url('/'), { headers: { accept: 'text/html' } })).text();
        const find = (pattern: RegExp) => {
          const found = pattern.exec(html)?.[1];
          if (!found) throw new Error(`${pattern} not in index.html: ${html}`);
          return found;
        };
        return {
          script: find(/<script[^>]+src="(\/assets\/[^"]+\.js)"/),
          style: find(/<link[^>]+rel="stylesheet"[^>]+href="(\/assets\/[^"]+\.css)"/),
          icon: find(/<link[^>]+rel="icon"[^>]+href="([^"]+)"/),
        };
      }

      it('serves JavaScript, CSS and JSON in brotli or gzip as the browser asks, and plain to who does not', async () => {
        const { script, style } = await builtFiles();
        for (const path of [script, style, '/api/docs-json']) {
          const plain = await fetch(url(path), { headers: { 'accept-encoding': 'identity' } });
          expect(plain.status).toBe(200);
          expect(plain.headers.get('content-encoding')).toBeNull();
          const text = await plain.text();
          expect(text.length).toBeGreaterThan(1024);
          for (const encoding of ['gzip', 'br']) {
            // fetch decodes the body and keeps the header: the same text came compressed.
            const compressed = await fetch(url(path), { headers: { 'accept-encoding': encoding } });
            expect({ path, encoding: compressed.headers.get('content-encoding') }).toEqual({ path, encoding });
            expect(compressed.headers.get('vary')).toMatch(/accept-encoding/i);
            expect(await compressed.text()).toBe(text);
          }
        }
      });

      it('caches hashed assets for a year and makes the page revalidate', async () => {
        const { script, style, icon } = await builtFiles();
        for (const path of [script, style, icon]) {
          const response = await fetch(url(path));
          expect({ path, status: response.status, cache: response.headers.get('cache-control') }).toEqual({
            path,
            status: 200,
            cache: 'public, max-age=31536000, immutable',
          });
        }
        for (const path of ['/', '/live/new', '/index.html']) {
          const response = await fetch(url(path), { headers: { accept: 'text/html' } });
          expect({ path, cache: response.headers.get('cache-control') }).toEqual({ path, cache: 'no-cache' });
        }
      });

      it('has a favicon, and a page loads without a single failed request', async () => {
        const { icon } = await builtFiles();
        const favicon = await fetch(url(icon));
        expect(favicon.status).toBe(200);
        expect(favicon.headers.get('content-type')).toContain('image/svg+xml');
        expect(await favicon.text()).toContain('<svg');

        const page = await openPage();
        const failed: string[] = [];
        page.on('response', (response) => {
          if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
        });
        await page.goto(url('/live/new'));
        await page.getByRole('heading', { level: 1, name: 'Sesi tanya jawab langsung baru' }).waitFor();
        expect(failed).toEqual([]);
      });
    });

    it('shows no "live now" section while no session is live', async () => {
      await createSession('Sesi terjadwal', false);
      const page = await openPage();
      await page.goto(url('/'));
      await page.getByRole('heading', { level: 1, name: 'Konsultasi yang dibuka' }).waitFor();
      await page.getByRole('link', { name: consultation.title }).waitFor();
      expect(await page.getByRole('heading', { name: 'Sedang berlangsung' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /^Ikuti/ }).count()).toBe(0);
    });

    it('lists the sessions live now at the top of the home page, each joined in one tap at /live/CODE', async () => {
      live.push(await createSession('Rapat Warga RW 05', true), await createSession('Musrenbang Kelurahan', true));
      const scheduled = await createSession('Belum dimulai', false);
      const page = await openPage();
      await page.goto(url('/'));
      const section = liveNow(page, 'Sedang berlangsung');
      await section.waitFor();
      // Above the consultations: the first heading of the page.
      expect(await page.getByRole('heading').first().innerText()).toContain('Sedang berlangsung');
      for (const session of live) {
        const join = section.getByRole('link', { name: `Ikuti ${session.title}` });
        expect(await join.innerText()).toBe('Ikuti');
        expect(await join.getAttribute('href')).toBe(`/live/${session.code}`);
      }
      expect(await section.getByText(scheduled.title).count()).toBe(0);
      // Newest first.
      expect(await section.getByRole('listitem').first().innerText()).toContain('Musrenbang Kelurahan');

      await page.getByRole('group', { name: 'Bahasa' }).getByRole('button', { name: 'English' }).click();
      await liveNow(page, 'Live now')
        .getByRole('link', { name: `Join ${live[0]!.title}` })
        .click();
      expect(new URL(page.url()).pathname).toBe(`/live/${live[0]!.code}`);
    });

    it('names the language buttons with their visible text, and keeps finding them by their full names', async () => {
      const page = await openPage();
      await page.goto(url('/'));
      const languages = page.getByRole('group', { name: 'Bahasa' });
      await languages.getByRole('button', { name: 'Bahasa Indonesia' }).waitFor();
      for (const [visible, name] of [
        ['ID', 'Bahasa Indonesia'],
        ['EN', 'English'],
      ]) {
        const button = languages.getByRole('button', { name: `${visible} ${name}`, exact: true });
        expect(await button.count()).toBe(1);
        // The full name is for screen readers; the eye sees the short one.
        expect(await button.locator('.visually-hidden').textContent()).toBe(` ${name}`);
      }
    });

    it('lets a moderator create a session in an open consultation, find its code and links, and start it', async () => {
      const closing = await official.http.post('/consultations', {
        title: 'Konsultasi yang segera ditutup',
        description: 'Sebentar saja',
        closesAt: new Date(Date.now() + 1500).toISOString(),
      });
      expect(closing.status).toBe(201);
      const page = await openPage({ token: moderator.token });
      await page.goto(url('/'));
      await page.getByRole('link', { name: 'Buat sesi tanya jawab langsung' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sesi tanya jawab langsung baru' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/live/new');
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(closing.body.closesAt).getTime() - Date.now() + 200)));
      await page.reload();

      const select = page.getByLabel('Konsultasi', { exact: true });
      await select.locator('option', { hasText: consultation.title }).waitFor({ state: 'attached' });
      // Only consultations that take input now.
      expect(await select.locator('option', { hasText: closing.body.title }).count()).toBe(0);
      expect(await page.getByRole('checkbox', { name: 'Moderasi sebelum tampil' }).isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: 'Boleh bertanya tanpa nama' }).isChecked()).toBe(true);

      await page.getByLabel('Judul sesi').fill('Tanya jawab Taman Cempaka');
      await select.selectOption({ label: consultation.title });
      await page.getByRole('checkbox', { name: 'Moderasi sebelum tampil' }).uncheck();
      await page.getByRole('button', { name: 'Buat sesi' }).click();

      const created = page.getByRole('region', { name: 'Sesi dibuat: Tanya jawab Taman Cempaka' });
      await created.waitFor();
      const code = (await created.locator('.join-code').innerText()).trim();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
      const stored = await moderator.http.get(`/live-sessions/by-code/${code}`);
      expect(stored.body).toMatchObject({
        title: 'Tanya jawab Taman Cempaka',
        status: 'scheduled',
        consultationId: consultation.id,
        preModeration: false,
        allowAnonymous: true,
      });
      for (const [name, path] of [
        ['Halaman peserta', `/live/${code}`],
        ['Layar proyektor', `/live/${code}/screen`],
        ['Konsol moderator', `/live/${code}/moderate`],
      ]) {
        expect(await created.getByRole('link', { name }).getAttribute('href')).toBe(path);
        await created.getByText(`${testApp.url}${path}`, { exact: true }).waitFor();
      }

      await created.getByRole('button', { name: 'Mulai sesi' }).click();
      await created.getByRole('status').getByText('Sesi sedang berlangsung: peserta dapat bergabung sekarang.').waitFor();
      expect((await moderator.http.get(`/live-sessions/by-code/${code}`)).body.status).toBe('live');
      expect(await created.getByRole('button', { name: 'Mulai sesi' }).count()).toBe(0);

      await page.goto(url('/'));
      expect(
        await liveNow(page, 'Sedang berlangsung').getByRole('link', { name: 'Ikuti Tanya jawab Taman Cempaka' }).getAttribute('href'),
      ).toBe(`/live/${code}`);
    });

    it('shows the API errors next to the field, in the page language', async () => {
      const page = await openPage({ token: moderator.token, locale: 'en-GB' });
      await page.goto(url('/live/new'));
      await page.getByRole('button', { name: 'Create session' }).click();
      const input = page.getByLabel('Session title');
      const message = page.locator('.field', { has: input }).locator('.field-error');
      await message.waitFor();
      expect(await message.innerText()).toBe('Write a title of 1 to 200 characters.');
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect((await input.getAttribute('aria-describedby'))!.split(' ')).toContain(await message.getAttribute('id'));
    });

    it('tells guests and citizens that only moderators create sessions, without a form', async () => {
      const guest = await createGuest(testApp, 'Tamu');
      for (const token of [undefined, sari.token, guest.token]) {
        const page = await openPage({ token });
        await page.goto(url('/live/new'));
        await page.getByText('Hanya moderator dan pejabat kota yang dapat membuat sesi tanya jawab langsung.').waitFor();
        expect(await page.getByLabel('Judul sesi').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Buat sesi' }).count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Masuk sebagai moderator' }).count()).toBe(token ? 0 : 1);
      }
      // Nor is the way there shown to them.
      const citizenPage = await openPage({ token: sari.token });
      await citizenPage.goto(url('/'));
      await citizenPage.getByText('Masuk sebagai Sari Wulandari').waitFor();
      expect(await citizenPage.getByRole('link', { name: 'Buat sesi tanya jawab langsung' }).count()).toBe(0);
    });

    it('has no serious or critical axe violations on the home page and /live/new, in both languages and both widths', async () => {
      for (const language of ['id', 'en']) {
        for (const width of [390, 1280]) {
          const page = await openPage({ token: moderator.token, savedLanguage: language });
          await page.setViewportSize({ width, height: 900 });
          await page.goto(url('/'));
          await liveNow(page, language === 'id' ? 'Sedang berlangsung' : 'Live now').waitFor();
          await page.getByRole('link', { name: consultation.title }).waitFor();
          await expectNoSeriousViolations(page);

          await page.goto(url('/live/new'));
          const title = page.getByLabel(language === 'id' ? 'Judul sesi' : 'Session title');
          await title.fill('Sesi aksesibilitas');
          await page.getByRole('button', { name: language === 'id' ? 'Buat sesi' : 'Create session' }).click();
          await page.locator('.join-code').waitFor();
          await expectNoSeriousViolations(page);
          await page.getByRole('button', { name: language === 'id' ? 'Buat sesi lain' : 'Create another session' }).click();
          await title.waitFor();
          await expectNoSeriousViolations(page);
        }
      }
      // And for who may not create one.
      const citizenPage = await openPage({ token: sari.token });
      await citizenPage.goto(url('/live/new'));
      await citizenPage.getByRole('note').waitFor();
      await expectNoSeriousViolations(citizenPage);
    }, 180_000);
  });
});
