import { currentLanguage } from './i18n';

const LOCALE_TAGS = { id: 'id-ID', en: 'en-GB' } as const;

export function formatDate(iso: string, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(LOCALE_TAGS[currentLanguage()], options).format(new Date(iso));
}
