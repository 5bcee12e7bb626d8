import { currentLanguage } from '../../../i18n';

const TAGS = { id: 'id-ID', en: 'en-GB' } as const;

/** "14.05" / "14:05": a question's time in the page's language (a live session lasts hours, not days). */
export function timeOf(iso: string): string {
  return new Intl.DateTimeFormat(TAGS[currentLanguage()], { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
