import { useTranslation } from '../i18n/translator';
import { ApiError } from '../api';

/** A message for a failed call, in the page's language. */
export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.networkError');
    if (error.status === 401) return t('common.unauthorized');
    if (error.status === 403) return t('common.forbidden');
    if (error.status === 404) return t('common.notFound');
    if (error.status === 409) return t('common.conflict');
    if (error.status === 413) return t('common.tooLarge');
    if (error.status === 429) return t('common.rateLimited');
  }
  return t('common.error');
}

/** A form's failure, announced as an alert; nothing when there is none. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  ) : null;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorText(error, t)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
