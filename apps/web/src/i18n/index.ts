import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@balai/contracts';
import consoleEn from './console.en.json';
import consoleId from './console.id.json';
import en from './en.json';
import id from './id.json';
import liveEn from './live.en.json';
import liveId from './live.id.json';
import screenEn from './screen.en.json';
import screenId from './screen.id.json';

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
 * One catalogue per area, so the people working on each do not edit one file: the site's
 * (`id.json`, `en.json`), and the live pages' under `live.*` (participant, enter code, shared live
 * words), `console.*` (moderator console) and `screen.*` (projector), all in one namespace.
 */
export const CATALOGUES = {
  id: { ...id, live: liveId, console: consoleId, screen: screenId },
  en: { ...en, live: liveEn, console: consoleEn, screen: screenEn },
};

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
