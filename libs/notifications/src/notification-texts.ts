import i18next, { i18n, TFunction } from 'i18next';
import type { Locale, ProgressState, ThreadKind } from '@balai/contracts';
import en from './i18n/notifications.en.json';
import id from './i18n/notifications.id.json';

/**
 * The texts of notifications and their e-mails, in Indonesian and English, from JSON catalogues
 * read by i18next: the same approach as the web app's `apps/web/src/i18n/*.json`. Values are
 * interpolated unescaped (plain text); the HTML e-mail escapes them itself.
 */
const catalogue: i18n = i18next.createInstance();
void catalogue.init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: 'id',
  fallbackLng: 'id',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const textsIn = (locale: Locale): TFunction => catalogue.getFixedT(locale);

export interface NotificationText {
  title: string;
  body: string;
}

/** Titles are kept short (a title column holds 300 characters). */
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function progressText(
  t: TFunction,
  input: { kind: ThreadKind; title: string; state: ProgressState; note: string | null; supporter: boolean },
): NotificationText {
  const kind = t(`kind.${input.kind}`);
  const values = { kind, kindLower: kind.toLowerCase(), title: clip(input.title, 200), state: t(`state.${input.state}`) };
  const lines = [t(input.supporter ? 'progress.bodySupporter' : 'progress.bodyAuthor', values)];
  if (input.note) lines.push(t('progress.note', { note: input.note }));
  return { title: clip(t('progress.title', values), 300), body: lines.join('\n') };
}

export function answeredText(t: TFunction, input: { session: string; text: string }): NotificationText {
  return { title: t('answered.title'), body: t('answered.body', { session: input.session, text: clip(input.text, 500) }) };
}

const MODERATION_OUTCOMES = ['approve', 'reject', 'hide', 'dismiss'];
const REASONS = ['spam', 'abuse', 'off_topic', 'misinformation', 'other'];

export function moderationText(
  t: TFunction,
  input: { action: string; targetType: string; reasonCode: string | null; note: string | null },
): NotificationText {
  const outcome = MODERATION_OUTCOMES.includes(input.action) ? input.action : 'other';
  const lines = [t('moderation.body', { target: t(`moderation.target.${input.targetType}`, { defaultValue: input.targetType }) })];
  if (input.reasonCode) {
    const reason = REASONS.includes(input.reasonCode) ? t(`moderation.reasons.${input.reasonCode}`) : input.reasonCode;
    lines.push(t('moderation.reason', { reason }));
  }
  if (input.note) lines.push(t('moderation.note', { note: input.note }));
  return { title: t(`moderation.title.${outcome}`), body: lines.join('\n') };
}

/** What one person gave a consultation, from each domain that took it. */
export interface PersonInput {
  threads: string[];
  postedIn: string[];
  posts: number;
  questions: string[];
  ballots: string[];
  supported: string[];
}

/** At most five names, quoted; "+N" for the rest. */
const list = (names: string[]): string => {
  const shown = names.slice(0, 5).map((name) => `“${clip(name, 80)}”`);
  return names.length > 5 ? `${shown.join(', ')} +${names.length - 5}` : shown.join(', ');
};

export function decisionText(t: TFunction, input: { consultation: string; title: string; mine: PersonInput }): NotificationText {
  const { mine } = input;
  const parts: string[] = [];
  if (mine.threads.length > 0) parts.push(t('decision.threads', { list: list(mine.threads) }));
  if (mine.posts > 0) parts.push(t('decision.posts', { count: mine.posts, list: list(mine.postedIn) }));
  if (mine.questions.length > 0) parts.push(t('decision.questions', { list: list(mine.questions) }));
  if (mine.ballots.length > 0) parts.push(t('decision.ballots', { list: list(mine.ballots) }));
  if (mine.supported.length > 0) parts.push(t('decision.supports', { list: list(mine.supported) }));
  const lines = [t('decision.body', { consultation: clip(input.consultation, 200), title: clip(input.title, 200) })];
  if (parts.length > 0) lines.push(t('decision.yourInput'), ...parts.map((part) => `- ${part}`));
  return { title: clip(t('decision.title', { title: input.title }), 300), body: lines.join('\n') };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The e-mail of a notification: plain text and HTML, in the recipient's language, linking to PUBLIC_URL. */
export function mailOf(
  t: TFunction,
  input: { locale: Locale; name: string; text: NotificationText; url: string; preferencesUrl: string },
): MailContent {
  const greeting = t('mail.greeting', { name: input.name });
  const footer = t('mail.footer', { url: input.preferencesUrl });
  const text = [greeting, '', input.text.title, '', input.text.body, '', `${t('mail.open')}: ${input.url}`, '', '--', footer].join('\n');
  const paragraphs = input.text.body
    .split('\n')
    .map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`)
    .join('');
  const html =
    `<!doctype html><html lang="${input.locale}"><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">` +
    `<p>${escapeHtml(greeting)}</p><h1 style="font-size:1.2em">${escapeHtml(input.text.title)}</h1>${paragraphs}` +
    `<p><a href="${escapeHtml(input.url)}">${escapeHtml(t('mail.open'))}</a></p>` +
    `<hr><p style="font-size:0.85em;color:#555">${escapeHtml(footer)}</p></body></html>`;
  return { subject: input.text.title, text, html };
}
