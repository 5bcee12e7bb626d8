import { FORMER_PARTICIPANT_NAME } from '@balai/contracts';
import { currentLanguage } from './i18n';

const LOCALE_TAGS = { id: 'id-ID', en: 'en-GB' } as const;

export function formatDate(iso: string, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(LOCALE_TAGS[currentLanguage()], options).format(new Date(iso));
}

/** An author's name as shown: a deleted account's contributions read "a former participant" in the page's language. */
export function personName(name: string, t: (key: string) => string): string {
  return name === FORMER_PARTICIPANT_NAME ? t('common.formerParticipant') : name;
}
