import { FormEvent, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import { Link } from 'react-router-dom';
import { Field } from '../../../components/Field';
import { FormAlert } from '../../../components/Status';
import { useForm } from '../../../useForm';

/** A guest picks the name the hall sees, once; a citizen with an account may sign in instead. */
export function NamePrompt({
  code,
  savedName,
  onChoose,
}: {
  code: string;
  savedName: string | null;
  onChoose(name: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(savedName ?? '');
  const form = useForm({
    describe: (failure) =>
      failure.code.startsWith('proof_of_work') ? t('live.proofOfWorkFailed') : failure.status === 400 ? t('live.nameInvalid') : undefined,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 60) return form.fail(t('live.nameInvalid'));
    void form.submit(() => onChoose(trimmed));
  };

  return (
    <section className="panel live-name" aria-labelledby="live-name-heading">
      <h2 id="live-name-heading">{t('live.nameTitle')}</h2>
      <p className="field-hint">{t('live.nameIntro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('live.nameLabel')}>
          {(props) => (
            <input
              {...props}
              name="displayName"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={60}
              autoComplete="nickname"
              enterKeyHint="go"
            />
          )}
        </Field>
        <FormAlert message={form.error} />
        <div>
          <button type="submit" className="button live-wide-button" disabled={form.busy}>
            {form.busy ? t('auth.working') : t('live.nameSubmit')}
          </button>
        </div>
      </form>
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/live/${code}`)}`}>{t('live.signIn')}</Link>
      </p>
    </section>
  );
}
