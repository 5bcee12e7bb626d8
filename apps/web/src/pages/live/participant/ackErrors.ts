import type { LiveErrorCode } from '@balai/contracts';

/** A refused live event, worded for the participant; `special` words this form's own case (e.g. rate_limited). */
export function ackErrorText(code: LiveErrorCode, t: (key: string) => string, special?: string): string {
  if (special) return t(special);
  switch (code) {
    case 'validation':
      return t('live.askInvalid');
    case 'conflict':
      return t('live.closed');
    case 'rate_limited':
      return t('common.rateLimited');
    case 'unavailable':
      return t('live.unavailable');
    case 'unauthorized':
      return t('common.unauthorized');
    case 'forbidden':
      return t('common.forbidden');
    case 'not_found':
      return t('common.notFound');
    default:
      return t('live.error');
  }
}
