import { FormEvent, memo, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LiveRoom } from '../../../live/useLiveRoom';
import { ackErrorText } from './ackErrors';

const MAX = 500;

interface AskFormProps {
  ask: LiveRoom['ask'];
  allowAnonymous: boolean;
  disabled: boolean;
}

/** Ask: 1..500 characters with a counter; anonymously only when the session allows it. Count batches pass it by. */
export const AskForm = memo(function AskForm({ ask, allowAnonymous, disabled }: AskFormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const length = text.trim().length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    if (length < 1 || length > MAX) return setError(t('live.askInvalid'));
    setError(null);
    setBusy(true);
    const response = await ask(text.trim(), allowAnonymous && anonymous);
    setBusy(false);
    if (response.ok) {
      setText('');
      setSent(response.data.question.status === 'pending' ? t('live.askedPending') : t('live.asked'));
    } else {
      setError(ackErrorText(response.error.code, t, response.error.code === 'rate_limited' ? 'live.askRateLimited' : undefined));
    }
  };

  return (
    <section className="panel live-ask" aria-labelledby="live-ask-heading">
      <h2 id="live-ask-heading">{t('live.askTitle')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor="live-question">{t('live.askLabel')}</label>
          <textarea
            id="live-question"
            name="text"
            value={text}
            maxLength={MAX}
            rows={3}
            disabled={disabled}
            aria-describedby="live-question-counter"
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setSent(null);
              if (error) setError(null);
            }}
          />
          <p id="live-question-counter" className="field-hint live-counter">
            {t('live.askCounter', { count: text.length, max: MAX })}
          </p>
        </div>
        {allowAnonymous && (
          <label className="live-check">
            <input type="checkbox" checked={anonymous} disabled={disabled} onChange={(e) => setAnonymous(e.target.checked)} />
            <span>{t('live.anonymous')}</span>
          </label>
        )}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="button live-wide-button" disabled={disabled || busy}>
            {busy ? t('live.sending') : t('live.send')}
          </button>
        </div>
        <p role="status" className="form-aside">
          {sent}
        </p>
      </form>
    </section>
  );
});
