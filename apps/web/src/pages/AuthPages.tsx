import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { AuthResult } from '@balai/contracts';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { Field } from '../components/Field';
import { errorText } from '../components/Status';
import { fieldErrorsOf } from '../forms';
import { currentLanguage } from '../i18n';
import { useTitle } from '../useTitle';

/** Only paths inside this app: never an open redirect to another origin. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

interface FormErrors {
  form?: string;
  fields: Record<string, string[]>;
}

function useAuthForm(formName: 'login' | 'register', describe: (error: ApiError) => string | undefined) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });

  const submit = async (call: () => Promise<AuthResult>) => {
    setBusy(true);
    setErrors({ fields: {} });
    try {
      const result = await call();
      signIn(result);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (error: unknown) {
      if (error instanceof ApiError) {
        const fields = fieldErrorsOf(error, formName);
        const form = Object.keys(fields).length > 0 ? undefined : (describe(error) ?? errorText(error, t));
        setErrors({ form, fields });
      } else {
        setErrors({ form: errorText(error, t), fields: {} });
      }
      setBusy(false);
    }
  };
  return { busy, errors, submit, next: params.get('next') };
}

function FormAlert({ message }: { message?: string }) {
  return message ? (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  ) : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  useTitle(t('auth.loginTitle'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, errors, submit, next } = useAuthForm('login', (error) => {
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
        <FormAlert message={errors.form} />
        <Field label={t('auth.email')} errors={errors.fields.email}>
          {(props) => <input {...props} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t('auth.password')} errors={errors.fields.password}>
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
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.working') : t('auth.submitLogin')}
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
  const { busy, errors, submit, next } = useAuthForm('register', (error) => {
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
        <FormAlert message={errors.form} />
        <Field label={t('auth.displayName')} hint={t('auth.displayNameHint')} errors={errors.fields.displayName}>
          {(props) => (
            <input {...props} type="text" autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          )}
        </Field>
        <Field label={t('auth.email')} errors={errors.fields.email}>
          {(props) => <input {...props} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t('auth.password')} hint={t('auth.passwordHint')} errors={errors.fields.password}>
          {(props) => (
            <input {...props} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.working') : t('auth.submitRegister')}
        </button>
      </form>
      <p className="form-aside">
        {t('auth.haveAccount')} <Link to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>{t('shell.signIn')}</Link>
      </p>
    </section>
  );
}
