import type { Locale } from '@balai/contracts';
import { type Catalogue, i18n } from './translator';
import id from './id.json';
import liveId from './live.id.json';

export const LANGUAGES: readonly Locale[] = ['id', 'en'];
const LANGUAGE_KEY = 'balai.lang';

function isLocale(value: string | null | undefined): value is Locale {
  return value === 'id' || value === 'en';
}

function savedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(LANGUAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** `?lang=id|en`, then the saved choice, then the browser's, default `id`. */
export function detectLanguage(): Locale {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (isLocale(fromQuery)) return fromQuery;
  const saved = savedLanguage();
  if (saved) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base === 'in') return 'id'; // old Java/Android tag for Indonesian
    if (isLocale(base)) return base;
  }
  return 'id';
}

/** The language switch: remember the choice (the caller drops `?lang` so a reload follows it). */
export async function chooseLanguage(language: Locale): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
  await ensureLanguage(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Locale {
  return i18n.language;
}

type CatalogueModule = Promise<{ default: Catalogue }>;

/**
 * One catalogue per area, so the people working on each do not edit one file, all in one
 * namespace: the site's (`id.json`, `en.json`) and the live pages' under `live.*` (participant,
 * enter code, shared live words) are what every page needs; `console.*` (moderator console, and the
 * poll chart), `screen.*` (projector), `notifications.*` (the badge, the notification and account
 * pages, an idea's progress) and the others load with their pages (`loadCatalogues`), so a phone in
 * the hall never fetches them. Only the page's language is fetched: Indonesian, the city's default, comes
 * with the app; English (and each area in English) is fetched when it is chosen or detected.
 */
const INDONESIAN: Catalogue = { ...id, live: liveId };
const SITE: Record<Locale, () => Promise<Catalogue>> = {
  id: () => Promise.resolve(INDONESIAN),
  en: async () => {
    const [en, live] = await Promise.all([import('./en.json'), import('./live.en.json')]);
    return { ...en.default, live: live.default };
  },
};

export type LazyArea = 'console' | 'screen' | 'transparency' | 'decisions' | 'moderation' | 'notifications';

const LAZY_AREAS: Record<LazyArea, Record<Locale, () => CatalogueModule>> = {
  console: { id: () => import('./console.id.json'), en: () => import('./console.en.json') },
  screen: { id: () => import('./screen.id.json'), en: () => import('./screen.en.json') },
  transparency: { id: () => import('./transparency.id.json'), en: () => import('./transparency.en.json') },
  decisions: { id: () => import('./decisions.id.json'), en: () => import('./decisions.en.json') },
  moderation: { id: () => import('./moderation.id.json'), en: () => import('./moderation.en.json') },
  notifications: { id: () => import('./notifications.id.json'), en: () => import('./notifications.en.json') },
};

/** The areas the open pages asked for: a language switch fetches them in the new language too. */
const wantedAreas = new Set<LazyArea>();
const loaded = new Map<string, Promise<void>>([['id', Promise.resolve()]]);

function loadOnce(key: string, load: () => Promise<Catalogue>, language: Locale, area?: LazyArea): Promise<void> {
  let done = loaded.get(key);
  if (!done) {
    done = load().then((catalogue) => {
      i18n.addResourceBundle(language, area ? { [area]: catalogue } : catalogue);
    });
    loaded.set(key, done);
  }
  return done;
}

/** The site's words and every wanted area's in this language (each fetched once). */
function ensureLanguage(language: Locale): Promise<void> {
  return Promise.all([
    loadOnce(language, SITE[language], language),
    ...[...wantedAreas].map((area) =>
      loadOnce(`${area}.${language}`, () => LAZY_AREAS[area][language]().then((m) => m.default), language, area),
    ),
  ]).then(() => undefined);
}

/** Adds the areas' catalogues under `<area>.*`, in the page's language; a page's lazy import awaits it before rendering. */
export async function loadCatalogues(...areas: LazyArea[]): Promise<void> {
  for (const area of areas) wantedAreas.add(area);
  await ensureLanguage(currentLanguage());
}

const detected = detectLanguage();
i18n.addResourceBundle('id', INDONESIAN);
/** Resolves once the detected language's words are here; main.tsx renders after it. */
export const i18nReady: Promise<void> = detected === 'id' ? Promise.resolve() : chooseDetected(detected);

async function chooseDetected(language: Locale): Promise<void> {
  await ensureLanguage(language);
  await i18n.changeLanguage(language);
}
document.documentElement.lang = i18n.language;

export { i18n, useTranslation, type TFunction } from './translator';
