import { FormEvent, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/Status';
import { normalizeCode } from '../../live/useLiveRoom';
import { useForm } from '../../useForm';
import { useTitle } from '../../useTitle';
import '../../live.css';

/** Join codes: 6 upper-case letters and digits without 0/O/1/I. */
const CODE = /^[A-HJ-NP-Z2-9]{6}$/;

/** `/live`: one field for the code on the hall's screen; a code that names no session says so here. */
export function EnterCodePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [code, setCode] = useState(() => params.get('code') ?? '');
  const form = useForm({
    describe: (failure) => (failure.status === 404 ? t('live.codeNotFound', { code: normalizeCode(code) }) : undefined),
  });
  useTitle(t('live.enterTitle'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeCode(code);
    if (!CODE.test(normalized)) return form.fail(t('live.codeInvalid'));
    void form.submit(async () => {
      try {
        const session = await api('GET /live-sessions/by-code/:code', { params: { code: normalized } });
        navigate(`/live/${session.code}`);
      } catch (error) {
        // The server cannot be asked (a hall's flaky Wi-Fi): go ahead, the page joins when it can.
        if (error instanceof ApiError && error.status === 0) navigate(`/live/${normalized}`);
        else throw error;
      }
    });
  };

  return (
    <section className="page page-narrow live-enter">
      <h1>{t('live.enterTitle')}</h1>
      <p className="lead">{t('live.enterIntro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('live.code')} hint={t('live.codeHint')}>
          {(props) => (
            <input
              {...props}
              className="live-code-input"
              name="code"
              value={code}
              onChange={(event) => setCode(event.target.value.toUpperCase())}
              autoComplete="off"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="go"
              maxLength={12}
              aria-invalid={form.error ? true : undefined}
              aria-describedby={form.error ? `${props['aria-describedby'] ?? ''} live-code-error`.trim() : props['aria-describedby']}
            />
          )}
        </Field>
        <div id="live-code-error">
          <FormAlert message={form.error} />
        </div>
        <div>
          <button type="submit" className="button live-wide-button" disabled={form.busy}>
            {form.busy ? t('live.joining') : t('live.join')}
          </button>
        </div>
      </form>
    </section>
  );
}
