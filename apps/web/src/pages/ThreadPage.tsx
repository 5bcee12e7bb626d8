import { FormEvent, useState } from 'react';
import { useTranslation } from '../i18n/translator';
import { Link, useLocation, useParams } from 'react-router-dom';
import { hasRole, PostView, SupportView, ThreadView } from '@balai/contracts';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { Field } from '../components/Field';
import { KindBadge } from '../components/KindBadge';
import { Markdown } from '../components/Markdown';
import { ReportButton } from '../components/ReportButton';
import { ProgressBadge, ThreadProgress } from '../components/ThreadProgress';
import { ErrorState, FormAlert, Loading } from '../components/Status';
import { formatDate, personName } from '../format';
import { useFetched } from '../useFetched';
import { useForm } from '../useForm';
import { usePaged } from '../usePaged';
import { useTitle } from '../useTitle';

/** The count, and the button while the thread's consultation takes input (`acceptsInput` undefined: not known yet). */
function SupportButton({
  thread,
  acceptsInput,
  onChange,
}: {
  thread: ThreadView;
  acceptsInput: boolean | undefined;
  onChange(result: SupportView): void;
}) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const location = useLocation();
  const form = useForm();
  const supported = thread.supported === true;

  const toggle = () =>
    form.submit(async () => {
      const options = { params: { id: thread.id } };
      onChange(supported ? await api('DELETE /threads/:id/support', options) : await api('PUT /threads/:id/support', options));
    });

  return (
    <div className="support-bar">
      <span className="support-count" aria-live="polite">
        {t('thread.supportCount', { count: thread.supports })}
      </span>
      {!acceptsInput ? null : user && hasRole(user.role, 'citizen') ? (
        <button type="button" className="button button-support" aria-pressed={supported} onClick={toggle} disabled={form.busy}>
          {supported ? t('thread.supported') : t('thread.support')}
        </button>
      ) : user === null ? (
        <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('thread.signInToSupport')}</Link>
      ) : null}
      <FormAlert message={form.error} />
    </div>
  );
}

function Post({ post }: { post: PostView }) {
  const { t } = useTranslation();
  return (
    <li className={post.official ? 'post post-official' : 'post'}>
      <article aria-label={personName(post.author.displayName, t)}>
        <header>
          <strong>{personName(post.author.displayName, t)}</strong>
          {post.official && <span className="badge badge-official">{t('thread.official')}</span>}
          {post.status !== 'visible' && <span className="badge badge-status">{t(`thread.${post.status}`)}</span>}
          <time dateTime={post.createdAt}>{formatDate(post.createdAt, true)}</time>
          {post.editedAt && <span>({t('thread.edited')})</span>}
        </header>
        <Markdown text={post.body} />
        {post.status === 'visible' && <ReportButton targetType="post" targetId={post.id} authorName={post.author.displayName} />}
      </article>
    </li>
  );
}

function ReplyForm({ threadId, onPosted }: { threadId: string; onPosted(post: PostView): void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const form = useForm({ name: 'reply' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => {
      const post = await api('POST /threads/:id/posts', { params: { id: threadId }, body: { body } });
      setBody('');
      onPosted(post);
    });
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <FormAlert message={form.error} />
      <Field label={t('thread.reply')} hint={t('consultation.bodyHint')} errors={form.fieldErrors.body}>
        {(props) => <textarea {...props} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <div>
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t('thread.sending') : t('thread.sendReply')}
        </button>
      </div>
    </form>
  );
}

export function ThreadPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { user } = useAuth();
  const location = useLocation();
  // The user matters: a signed-in reader learns whether they already support the thread.
  const { data: thread, setData: setThread, error, retry } = useFetched('GET /threads/:id', id ? { params: { id } } : null, user?.id);
  const consultationId = thread && thread.id === id ? thread.consultationId : null;
  // The thread reads fine without its consultation's title, so its failure is not shown.
  const { data: consultation, error: consultationError } = useFetched(
    'GET /consultations/:id',
    consultationId ? { params: { id: consultationId } } : null,
  );
  const posts = usePaged('GET /threads/:id/posts', id ? { params: { id } } : null);
  useTitle(thread?.title);

  if (error) return <ErrorState error={error} onRetry={error instanceof ApiError && error.status === 404 ? undefined : retry} />;
  if (!thread || thread.id !== id) return <Loading />;

  const parent = thread.consultationId && consultation?.id === thread.consultationId ? consultation : null;
  // The consultation's word on replies and supports; undefined while it loads. Unreadable: the server decides.
  const acceptsInput = !thread.consultationId || consultationError ? true : parent?.acceptsInput;
  const canWrite = user && hasRole(user.role, 'citizen');

  return (
    <article className="page">
      {thread.consultationId && (
        <p className="breadcrumb">
          {t('thread.inConsultation')}: <Link to={`/consultations/${thread.consultationId}`}>{parent?.title ?? '…'}</Link>
        </p>
      )}
      <div className="thread-head">
        <p className="meta">
          <KindBadge kind={thread.kind} />
          <ProgressBadge thread={thread} />
          {thread.status !== 'visible' && <span className="badge badge-status">{t(`thread.${thread.status}`)}</span>}
        </p>
        <h1>{thread.title}</h1>
        <p className="meta">
          <span>{t('common.by', { name: personName(thread.author.displayName, t) })}</span>
          <time dateTime={thread.createdAt}>{formatDate(thread.createdAt, true)}</time>
          {thread.editedAt && <span>({t('thread.edited')})</span>}
        </p>
      </div>
      <Markdown text={thread.body} className="prose" />
      <SupportButton
        thread={thread}
        acceptsInput={acceptsInput}
        onChange={(result) => setThread((current) => current && { ...current, supports: result.supports, supported: result.supported })}
      />
      {thread.status === 'visible' && <ReportButton targetType="thread" targetId={thread.id} authorName={thread.author.displayName} />}

      <ThreadProgress
        thread={thread}
        onChange={(updated) => setThread((current) => current && { ...current, progress: updated.progress })}
      />

      <section aria-labelledby="replies-heading">
        <h2 id="replies-heading">
          {t('thread.replies')} ({thread.postCount})
        </h2>
        {posts.loading ? (
          <Loading />
        ) : posts.error && posts.items.length === 0 ? (
          <ErrorState error={posts.error} onRetry={posts.reload} />
        ) : posts.items.length === 0 ? (
          <p className="empty">{t('thread.noReplies')}</p>
        ) : (
          <ol className="posts" aria-labelledby="replies-heading">
            {posts.items.map((post) => (
              <Post key={post.id} post={post} />
            ))}
          </ol>
        )}
        {posts.hasMore && !posts.loading && (
          <button type="button" className="button button-secondary" onClick={posts.loadMore} disabled={posts.loadingMore}>
            {posts.loadingMore ? t('common.loading') : t('common.loadMore')}
          </button>
        )}
        {acceptsInput === undefined ? null : !acceptsInput ? (
          <p className="notice">{t('consultation.notOpen')}</p>
        ) : canWrite ? (
          <ReplyForm
            threadId={thread.id}
            onPosted={(post) => {
              posts.setItems((items) => [...items, post]);
              setThread((current) => (current ? { ...current, postCount: current.postCount + 1 } : current));
            }}
          />
        ) : user === null ? (
          <p className="panel">
            <Link className="button" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
              {t('thread.signInToReply')}
            </Link>
          </p>
        ) : null}
      </section>
    </article>
  );
}
