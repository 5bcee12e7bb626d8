import { FormEvent, useState } from 'react';
import { useTranslation } from '../i18n/translator';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { AuthResult } from '@balai/contracts';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { Field } from '../components/Field';
import { FormAlert } from '../components/Status';
import { currentLanguage } from '../i18n';
import { useForm } from '../useForm';
import { useTitle } from '../useTitle';

/** Only paths inside this app: never an open redirect to another origin. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/** Signs in with what `call` answers, then goes on to `?next=`. */
function useAuthForm(name: 'login' | 'register', describe: (error: ApiError) => string | undefined) {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm({ name, describe });

  const submit = (call: () => Promise<AuthResult>) =>
    form.submit(async () => {
      signIn(await call());
      navigate(safeNext(params.get('next')), { replace: true });
    });
  return { form, submit, next: params.get('next') };
}

export function LoginPage() {
  const { t } = useTranslation();
  useTitle(t('auth.loginTitle'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { form, submit, next } = useAuthForm('login', (error) => {
    if (error.status === 401) return t('auth.wrongCredentials');
    if (error.status === 429) return t('auth.rateLimited');
    return undefined;
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(() => api('POST /auth/login', { body: { email, password } }));
  };

  return (
    <section className="page page-narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormAlert message={form.error} />
        <Field label={t('auth.email')} errors={form.fieldErrors.email}>
          {(props) => <input {...props} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t('auth.password')} errors={form.fieldErrors.password}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t('auth.working') : t('auth.submitLogin')}
        </button>
      </form>
      <p className="form-aside">
        {t('auth.noAccount')} <Link to={next ? `/register?next=${encodeURIComponent(next)}` : '/register'}>{t('shell.register')}</Link>
      </p>
    </section>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  useTitle(t('auth.registerTitle'));
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { form, submit, next } = useAuthForm('register', (error) => {
    if (error.code === 'email_taken') return t('auth.emailTaken');
    if (error.status === 429) return t('auth.rateLimited');
    return undefined;
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(() => api('POST /auth/register', { body: { displayName, email, password, locale: currentLanguage() } }));
  };

  return (
    <section className="page page-narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormAlert message={form.error} />
        <Field label={t('auth.displayName')} hint={t('auth.displayNameHint')} errors={form.fieldErrors.displayName}>
          {(props) => (
            <input {...props} type="text" autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          )}
        </Field>
        <Field label={t('auth.email')} errors={form.fieldErrors.email}>
          {(props) => <input {...props} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t('auth.password')} hint={t('auth.passwordHint')} errors={form.fieldErrors.password}>
          {(props) => (
            <input {...props} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t('auth.working') : t('auth.submitRegister')}
        </button>
      </form>
      <p className="form-aside">
        {t('auth.haveAccount')} <Link to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>{t('shell.signIn')}</Link>
      </p>
    </section>
  );
}
