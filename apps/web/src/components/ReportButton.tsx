import { FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from '../i18n/translator';
import { REPORT_REASONS, ReportReason, ReportTargetType } from '@balai/contracts';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { loadCatalogues } from '../i18n';
import { errorText } from './Status';
import './report-button.css';

/** The moderation words, loaded once however many buttons a page shows. */
let loading: Promise<void> | null = null;
const catalogue = (): Promise<void> => (loading ??= loadCatalogues('moderation'));

/**
 * "Report" on a thread, a post or a live question: a small form (reason, optional details) that
 * sends `POST /reports`. Signed-in people only (a guest account is enough). Its words load with it.
 */
export function ReportButton({
  targetType,
  targetId,
  authorName,
}: {
  targetType: ReportTargetType;
  targetId: string;
  /** null: anonymous. */
  authorName: string | null;
}) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [ready, setReady] = useState(false);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('abuse');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    void catalogue().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);

  if (!user || !ready) return null;
  const what = t(`moderation.report.what.${targetType}`, { name: authorName ?? t('moderation.report.what.anonymous') });
  if (message && !message.error)
    return (
      <p className="report-sent" role="status">
        {message.text}
      </p>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api('POST /reports', { body: { targetType, targetId, reason, ...(note.trim() ? { note: note.trim() } : {}) } });
      setMessage({ text: t('moderation.report.sent'), error: false });
    } catch (error: unknown) {
      const already = error instanceof ApiError && error.code === 'already_reported';
      setMessage({ text: already ? t('moderation.report.already') : errorText(error, t), error: !already });
      if (already) setOpen(false);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button
        type="button"
        className="link-button report-button"
        aria-label={t('moderation.report.openLabel', { what })}
        onClick={() => setOpen(true)}
      >
        {t('moderation.report.open')}
      </button>
    );

  return (
    <form className="report-form" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{t('moderation.report.legend', { what })}</legend>
        <label htmlFor={`${id}-reason`}>{t('moderation.report.reason')}</label>
        <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as ReportReason)}>
          {REPORT_REASONS.map((value) => (
            <option key={value} value={value}>
              {t(`moderation.report.reasons.${value}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>{t('moderation.report.note')}</label>
        <input id={`${id}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
        {message?.error && (
          <p className="notice notice-error" role="alert">
            {message.text}
          </p>
        )}
        <div className="report-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('moderation.report.send')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
            {t('moderation.report.cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
