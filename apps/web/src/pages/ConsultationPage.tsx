import { FormEvent, useState } from 'react';
import { useTranslation } from '../i18n/translator';
import { Link, useLocation, useParams } from 'react-router-dom';
import {
  ConsultationView,
  hasRole,
  PROGRESS_STATES,
  ProgressState,
  THREAD_KINDS,
  ThreadKind,
  ThreadSort,
  ThreadView,
} from '@balai/contracts';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { ConsultationPolls } from '../components/ConsultationPolls';
import { Field } from '../components/Field';
import { KindBadge } from '../components/KindBadge';
import { ProgressBadge } from '../components/ThreadProgress';
import { Markdown } from '../components/Markdown';
import { ErrorState, FormAlert, Loading } from '../components/Status';
import { formatDate, personName } from '../format';
import { useFetched } from '../useFetched';
import { useForm } from '../useForm';
import { usePaged } from '../usePaged';
import { useTitle } from '../useTitle';
import { ConsultationDecision } from './decisions/ConsultationDecision';
import { ConsultationLiveSessions } from './live/ConsultationLiveSessions';

function ThreadItem({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <p className="meta">
        <KindBadge kind={thread.kind} />
        <ProgressBadge thread={thread} />
        {thread.status !== 'visible' && <span className="badge badge-status">{t(`thread.${thread.status}`)}</span>}
      </p>
      <h3 className="card-title">
        <Link to={`/threads/${thread.id}`}>{thread.title}</Link>
      </h3>
      <p className="meta">
        <span>{t('common.by', { name: personName(thread.author.displayName, t) })}</span>
        <span>{t('thread.supportCount', { count: thread.supports })}</span>
        <span>{t('thread.replyCount', { count: thread.postCount })}</span>
        <span>{formatDate(thread.createdAt)}</span>
      </p>
    </li>
  );
}

function NewThreadForm({ consultationId, onCreated }: { consultationId: string; onCreated(thread: ThreadView): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ThreadKind>('idea');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const form = useForm({ name: 'thread' });
  const fields = form.fieldErrors;
  const [done, setDone] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    void form.submit(async () => {
      const thread = await api('POST /threads', { body: { kind, title, body, consultationId } });
      setTitle('');
      setBody('');
      setDone(thread.status === 'pending' ? t('consultation.pendingNote') : t('consultation.created'));
      onCreated(thread);
    });
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="new-thread-heading">
      <h2 id="new-thread-heading">{t('consultation.newThread')}</h2>
      <FormAlert message={form.error} />
      <Field label={t('consultation.kind')} errors={fields.kind}>
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value as ThreadKind)}>
            {THREAD_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`kind.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('consultation.threadTitle')} errors={fields.title}>
        {(props) => <input {...props} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t('consultation.threadBody')} hint={t('consultation.bodyHint')} errors={fields.body}>
        {(props) => <textarea {...props} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <div>
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t('consultation.publishing') : t('consultation.submitThread')}
        </button>
      </div>
      <p role="status" className="form-aside">
        {done}
      </p>
    </form>
  );
}

function Threads({ consultation, onThreadCreated }: { consultation: ConsultationView; onThreadCreated(thread: ThreadView): void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const location = useLocation();
  const [sort, setSort] = useState<ThreadSort>('recent');
  const [kind, setKind] = useState<ThreadKind | ''>('');
  const [progress, setProgress] = useState<ProgressState | ''>('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const threads = usePaged('GET /threads', {
    query: { consultationId: consultation.id, sort, kind: kind || undefined, progress: progress || undefined, q: q || undefined },
  });
  const canWrite = user && hasRole(user.role, 'citizen');

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setQ(search.trim());
  };

  return (
    <section aria-labelledby="threads-heading">
      <h2 id="threads-heading">{t('consultation.discussion')}</h2>
      <div className="toolbar">
        <form role="search" onSubmit={onSearch} className="search-row">
          <Field label={t('consultation.search')}>
            {(props) => <input {...props} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-secondary">
            {t('consultation.searchButton')}
          </button>
        </form>
        <div className="toolbar-row">
          <Field label={t('consultation.sort')}>
            {(props) => (
              <select {...props} value={sort} onChange={(e) => setSort(e.target.value as ThreadSort)}>
                <option value="recent">{t('consultation.sortRecent')}</option>
                <option value="top">{t('consultation.sortTop')}</option>
              </select>
            )}
          </Field>
          <Field label={t('consultation.filterKind')}>
            {(props) => (
              <select {...props} value={kind} onChange={(e) => setKind(e.target.value as ThreadKind | '')}>
                <option value="">{t('consultation.allKinds')}</option>
                {THREAD_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {t(`kind.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('notifications.progress.filter')}>
            {(props) => (
              <select {...props} value={progress} onChange={(e) => setProgress(e.target.value as ProgressState | '')}>
                <option value="">{t('notifications.progress.all')}</option>
                {PROGRESS_STATES.map((value) => (
                  <option key={value} value={value}>
                    {t(`notifications.progress.state.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </div>
      {q && (
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setSearch('');
              setQ('');
            }}
          >
            {t('consultation.clearSearch')}
          </button>
        </p>
      )}
      {threads.loading ? (
        <Loading />
      ) : threads.error && threads.items.length === 0 ? (
        <ErrorState error={threads.error} onRetry={threads.reload} />
      ) : threads.items.length === 0 ? (
        <p className="empty">{q || kind || progress ? t('consultation.noResults') : t('consultation.noThreads')}</p>
      ) : (
        <ul className="cards" aria-labelledby="threads-heading">
          {threads.items.map((thread) => (
            <ThreadItem key={thread.id} thread={thread} />
          ))}
        </ul>
      )}
      {threads.hasMore && !threads.loading && (
        <button type="button" className="button button-secondary" onClick={threads.loadMore} disabled={threads.loadingMore}>
          {threads.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
      {!consultation.acceptsInput ? (
        <p className="notice">{t('consultation.notOpen')}</p>
      ) : canWrite ? (
        <NewThreadForm
          consultationId={consultation.id}
          onCreated={(thread) => {
            threads.setItems((items) => [thread, ...items]);
            onThreadCreated(thread);
          }}
        />
      ) : user === null ? (
        <p className="panel">
          <Link className="button" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
            {t('consultation.signInToPost')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function ConsultationPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { user } = useAuth();
  const {
    data: consultation,
    setData: setConsultation,
    error,
    retry,
  } = useFetched('GET /consultations/:id', id ? { params: { id } } : null);
  useTitle(consultation?.title);

  if (error) return <ErrorState error={error} onRetry={error instanceof ApiError && error.status === 404 ? undefined : retry} />;
  if (!consultation || consultation.id !== id) return <Loading />;

  return (
    <article className="page">
      <p className="meta">
        <span className="badge badge-status">{t(`status.${consultation.status}`)}</span>
        {consultation.closesAt && <span>{t('home.closesAt', { date: formatDate(consultation.closesAt) })}</span>}
      </p>
      <h1>{consultation.title}</h1>
      <Markdown text={consultation.description} className="prose" />
      <dl className="counts" aria-label={t('consultation.counts')}>
        <div>
          <dt>{t('consultation.threads')}</dt>
          <dd>{consultation.counts.threads}</dd>
        </div>
        <div>
          <dt>{t('consultation.posts')}</dt>
          <dd>{consultation.counts.posts}</dd>
        </div>
        <div>
          <dt>{t('consultation.polls')}</dt>
          <dd>{consultation.counts.polls}</dd>
        </div>
        <div>
          <dt>{t('consultation.participants')}</dt>
          <dd>{consultation.counts.participants}</dd>
        </div>
      </dl>
      <ConsultationLiveSessions key={consultation.id} consultation={consultation} />
      <ConsultationDecision consultation={consultation} onChanged={(changed) => setConsultation(() => changed)} />
      {/* Once the saved session is checked: each account sees its own ballots, and results by its role. */}
      {user !== undefined && <ConsultationPolls key={`${consultation.id}:${user?.id ?? ''}`} consultation={consultation} />}
      <Threads
        key={consultation.id}
        consultation={consultation}
        onThreadCreated={(thread) => {
          if (thread.status !== 'visible') return;
          setConsultation((current) =>
            current ? { ...current, counts: { ...current.counts, threads: current.counts.threads + 1 } } : current,
          );
        }}
      />
    </article>
  );
}
