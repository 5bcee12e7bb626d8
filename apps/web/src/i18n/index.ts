import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@balai/contracts';
import en from './en.json';
import id from './id.json';
import liveEn from './live.en.json';
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
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'id';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/**
 * One catalogue per area, so the people working on each do not edit one file, all in one
 * namespace: the site's (`id.json`, `en.json`) and the live pages' under `live.*` (participant,
 * enter code, shared live words) load with the app; `console.*` (moderator console, and the poll
 * chart) and `screen.*` (projector) load with their pages (`loadCatalogues`), so a phone in the
 * hall never fetches them.
 */
const CATALOGUES = {
  id: { ...id, live: liveId },
  en: { ...en, live: liveEn },
};

export type LazyArea = 'console' | 'screen';

const LAZY_AREAS: Record<LazyArea, () => Promise<[{ default: object }, { default: object }]>> = {
  console: () => Promise.all([import('./console.id.json'), import('./console.en.json')]),
  screen: () => Promise.all([import('./screen.id.json'), import('./screen.en.json')]),
};

/** Adds the areas' catalogues (both languages) under `<area>.*`; a page's lazy import awaits it before rendering. */
export async function loadCatalogues(...areas: LazyArea[]): Promise<void> {
  await Promise.all(
    areas.map(async (area) => {
      const [idCatalogue, enCatalogue] = await LAZY_AREAS[area]();
      i18next.addResourceBundle('id', 'translation', { [area]: idCatalogue.default }, true, true);
      i18next.addResourceBundle('en', 'translation', { [area]: enCatalogue.default }, true, true);
    }),
  );
}

void i18next.use(initReactI18next).init({
  resources: { id: { translation: CATALOGUES.id }, en: { translation: CATALOGUES.en } },
  lng: detectLanguage(),
  fallbackLng: 'id',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export default i18next;
