import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link, useSearchParams } from 'react-router-dom';
import { hasRole, LiveSessionView } from '@balai/contracts';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { Field } from '../../components/Field';
import { FormAlert, Loading } from '../../components/Status';
import { useForm } from '../../useForm';
import { usePaged } from '../../usePaged';
import { useTitle } from '../../useTitle';
import '../live-entry.css';

const OPEN_CONSULTATIONS = { query: { status: 'open', limit: 100 } } as const;

/** A checkbox with its label beside it and an optional hint below. */
function Check({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The created session: its join code, the three links of the hall, and the start button. */
function CreatedSession({ session, onChange }: { session: LiveSessionView; onChange(session: LiveSessionView): void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const startForm = useForm();
  const origin = window.location.origin;
  const links = [
    { key: 'participant', path: `/live/${session.code}` },
    { key: 'screen', path: `/live/${session.code}/screen` },
    { key: 'console', path: `/live/${session.code}/moderate` },
  ] as const;

  // Who just pressed "Create" hears what was made.
  useEffect(() => heading.current?.focus(), [session.id]);

  const start = () =>
    void startForm.submit(async () => {
      onChange(await api('POST /live-sessions/:id/start', { params: { id: session.id } }));
    });

  return (
    <section className="panel session-created" aria-labelledby="session-created-heading">
      <h2 id="session-created-heading" ref={heading} tabIndex={-1}>
        {t('liveNew.created', { title: session.title })}
      </h2>
      <p>{t('liveNew.codeLabel')}</p>
      <p className="join-code">{session.code}</p>
      <dl className="session-links">
        {links.map(({ key, path }) => (
          <div key={key}>
            <dt>{t(`liveNew.link.${key}`)}</dt>
            <dd>
              <Link to={path}>{t(`liveNew.open.${key}`)}</Link>
              <span className="session-url">{origin + path}</span>
            </dd>
          </div>
        ))}
      </dl>
      <FormAlert message={startForm.error} />
      {session.status === 'scheduled' ? (
        <button type="button" className="button" onClick={start} disabled={startForm.busy}>
          {startForm.busy ? t('liveNew.starting') : t('liveNew.start')}
        </button>
      ) : (
        <p className="notice" role="status">
          {session.status === 'live' ? t('liveNew.isLive') : t('liveNew.isEnded')}
        </p>
      )}
    </section>
  );
}

function CreateSessionForm() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [title, setTitle] = useState('');
  const [consultationId, setConsultationId] = useState(params.get('consultationId') ?? '');
  const [preModeration, setPreModeration] = useState(true);
  const [allowAnonymous, setAllowAnonymous] = useState(true);
  const [created, setCreated] = useState<LiveSessionView | null>(null);
  const consultations = usePaged('GET /consultations', OPEN_CONSULTATIONS);
  const open = consultations.items.filter((consultation) => consultation.acceptsInput);
  const form = useForm({
    name: 'liveSession',
    describe: (error) => {
      if (error.status === 404 && consultationId) return t('liveNew.consultationGone');
      if (error.status === 409) return t('liveNew.consultationClosed');
      return undefined;
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => {
      setCreated(
        await api('POST /live-sessions', {
          body: { title, preModeration, allowAnonymous, ...(consultationId ? { consultationId } : {}) },
        }),
      );
    });
  };

  if (created)
    return (
      <>
        <CreatedSession session={created} onChange={setCreated} />
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setCreated(null);
            setTitle('');
          }}
        >
          {t('liveNew.another')}
        </button>
      </>
    );

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <FormAlert message={form.error} />
      <Field label={t('liveNew.sessionTitle')} hint={t('liveNew.sessionTitleHint')} errors={form.fieldErrors.title}>
        {(props) => <input {...props} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t('liveNew.consultation')} hint={t('liveNew.consultationHint')} errors={form.fieldErrors.consultationId}>
        {(props) => (
          <select {...props} value={consultationId} onChange={(e) => setConsultationId(e.target.value)} disabled={consultations.loading}>
            <option value="">{t('liveNew.noConsultation')}</option>
            {open.map((consultation) => (
              <option key={consultation.id} value={consultation.id}>
                {consultation.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Check label={t('liveNew.preModeration')} hint={t('liveNew.preModerationHint')} checked={preModeration} onChange={setPreModeration} />
      <Check
        label={t('liveNew.allowAnonymous')}
        hint={t('liveNew.allowAnonymousHint')}
        checked={allowAnonymous}
        onChange={setAllowAnonymous}
      />
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? t('liveNew.creating') : t('liveNew.create')}
      </button>
    </form>
  );
}

/** /live/new: moderators and officials create a live session; everyone else is told who may. */
export function NewLiveSessionPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useTitle(t('liveNew.title'));

  return (
    <section className="page page-narrow">
      <h1>{t('liveNew.title')}</h1>
      {user === undefined ? (
        <Loading />
      ) : user && hasRole(user.role, 'moderator') ? (
        <CreateSessionForm />
      ) : (
        <div className="notice" role="note">
          <p>{t('liveNew.moderatorsOnly')}</p>
          {user === null && (
            <p>
              <Link to="/login?next=%2Flive%2Fnew">{t('liveNew.signIn')}</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
