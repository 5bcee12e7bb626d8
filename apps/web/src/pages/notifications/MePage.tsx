import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link } from 'react-router-dom';
import type { Locale } from '@balai/contracts';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { Field } from '../../components/Field';
import { FormAlert, Loading } from '../../components/Status';
import { chooseLanguage } from '../../i18n';
import { useFetched } from '../../useFetched';
import { useForm } from '../../useForm';
import { useTitle } from '../../useTitle';
import { YourData } from './YourData';

const LANGUAGES: { value: Locale; name: string }[] = [
  { value: 'id', name: 'Bahasa Indonesia' },
  { value: 'en', name: 'English' },
];

/** `/me`: the language of notifications (and of the site), whether they also go by e-mail, and the person's data. */
export function MePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useTitle(t('notifications.me.title'));
  const { data: me, setData: setMe } = useFetched('GET /me', user ? {} : null, user?.id);
  const [locale, setLocale] = useState<Locale>('id');
  const [email, setEmail] = useState(true);
  const [saved, setSaved] = useState(false);
  const form = useForm({ name: 'preferences' });

  useEffect(() => {
    if (!me) return;
    setLocale(me.locale ?? 'id');
    setEmail(me.emailNotifications ?? true);
  }, [me]);

  if (user === undefined || (user && !me)) return <Loading />;
  if (user === null || !me)
    return (
      <section className="page">
        <h1>{t('notifications.me.title')}</h1>
        <p className="panel">
          <Link className="button" to="/login?next=%2Fme">
            {t('shell.signIn')}
          </Link>
        </p>
      </section>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.submit(async () => {
      const updated = await api('PUT /me/preferences', { body: me.email ? { locale, emailNotifications: email } : { locale } });
      setMe(() => updated);
      await chooseLanguage(locale);
      setSaved(true);
    });
  };

  return (
    <section className="page" aria-labelledby="me-heading">
      <h1 id="me-heading">{t('notifications.me.title')}</h1>
      <p>
        {me.displayName}
        {me.email ? ` · ${me.email}` : ''}
      </p>
      <form className="form panel" onSubmit={submit} noValidate aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">{t('notifications.me.preferences')}</h2>
        <FormAlert message={form.error} />
        <Field label={t('notifications.me.language')} errors={form.fieldErrors.locale}>
          {(props) => (
            <select {...props} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
              {LANGUAGES.map((language) => (
                <option key={language.value} value={language.value} lang={language.value}>
                  {language.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {me.email ? (
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" checked={email} onChange={(event) => setEmail(event.target.checked)} aria-describedby="email-hint" />
              {t('notifications.me.email')}
            </label>
            <p id="email-hint" className="field-hint">
              {t('notifications.me.emailHint', { email: me.email })}
            </p>
          </div>
        ) : (
          <p className="field-hint">{t('notifications.me.noEmail')}</p>
        )}
        <div>
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t('notifications.me.saving') : t('notifications.me.save')}
          </button>
        </div>
        <p role="status">{saved ? t('notifications.me.saved') : ''}</p>
      </form>
      <YourData me={me} />
      <p>
        <Link to="/notifications">{t('notifications.me.notifications')}</Link>
      </p>
    </section>
  );
}
