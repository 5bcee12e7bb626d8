import { personName } from '../../format';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link, useLocation, useParams } from 'react-router-dom';
import { hasRole, LiveQuestionView, LiveSessionStatus, ModerationAction } from '@balai/contracts';
import { useAuth } from '../../auth';
import { Loading } from '../../components/Status';
import { useTitle } from '../../useTitle';
import { actionForKey } from './console/actions';
import { PollsPanel } from './console/PollsPanel';
import { ModerationTools } from './console/ModerationTools';
import { QuestionItem } from './console/QuestionItem';
import { LiveIdentity, normalizeCode, useLiveIdentity, useLiveRoom } from './console/room';
import { laterStatus, SessionBar } from './console/SessionBar';
import { ShortcutsHelp } from './console/ShortcutsHelp';
import './live-console.css';

/** Typing in a field never triggers a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** "3 new questions waiting", said once a burst of arrivals has settled, never the whole list again. */
function useArrivals(pending: LiveQuestionView[], ready: boolean): string {
  const { t } = useTranslation();
  const seen = useRef<Set<string> | null>(null);
  const fresh = useRef(0);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!ready) return;
    if (!seen.current) {
      seen.current = new Set(pending.map((q) => q.id));
      return;
    }
    let added = 0;
    for (const question of pending)
      if (!seen.current.has(question.id)) {
        seen.current.add(question.id);
        added++;
      }
    fresh.current += added;
    if (fresh.current === 0) return;
    const timer = setTimeout(() => {
      setMessage(t('console.arrivals', { count: fresh.current }));
      fresh.current = 0;
    }, 1_500);
    return () => clearTimeout(timer);
  }, [pending, ready, t]);
  return message;
}

interface Feedback {
  error: boolean;
  text: string;
}

function Console({ code, identity }: { code: string; identity: LiveIdentity }) {
  const { t } = useTranslation();
  const room = useLiveRoom(code, identity);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [httpStatus, setHttpStatus] = useState<LiveSessionStatus | undefined>(undefined);
  const helpRef = useRef<HTMLDetailsElement>(null);
  const [focusAfter, setFocusAfter] = useState<{ list: HTMLOListElement | null; id: string; nextId: string | null } | null>(null);
  useTitle(room.session ? t('console.pageTitle', { title: room.session.title }) : t('console.heading'));

  // The queue in the order asked: a moderator works down from the top, and a new question joins at
  // the bottom instead of pushing the one being read out from under the pointer.
  const queue = useMemo(
    () => [...room.pending].filter((q) => q.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    [room.pending],
  );
  const byVotes = (a: LiveQuestionView, b: LiveQuestionView) => b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt);
  const approved = useMemo(() => room.questions.filter((q) => q.status === 'approved').sort(byVotes), [room.questions]);
  const answered = useMemo(() => room.questions.filter((q) => q.status === 'answered').sort(byVotes), [room.questions]);
  const arrivals = useArrivals(queue, room.session !== null);

  const byId = useMemo(() => {
    const map = new Map<string, LiveQuestionView>();
    for (const question of [...queue, ...approved, ...answered]) map.set(question.id, question);
    if (room.onScreen && !map.has(room.onScreen.id)) map.set(room.onScreen.id, room.onScreen);
    return map;
  }, [queue, approved, answered, room.onScreen]);

  const act = useCallback(
    async (question: LiveQuestionView, action: ModerationAction, reason?: string) => {
      // Where the keyboard goes afterwards: the same question if it stays in its list, else its neighbour.
      const article = document.querySelector<HTMLElement>(`.console-list [data-question-id="${question.id}"]`);
      const list = article?.closest('ol') ?? null;
      const hadFocus = !!article?.contains(document.activeElement);
      const siblings = list ? [...list.querySelectorAll<HTMLElement>('[data-question-id]')] : [];
      const index = article ? siblings.indexOf(article) : -1;
      const nextId = (siblings[index + 1] ?? siblings[index - 1])?.dataset.questionId ?? null;

      setBusy((current) => new Set(current).add(question.id));
      setFeedback(null);
      const ack = await room.moderate(question.id, action, reason);
      setBusy((current) => {
        const next = new Set(current);
        next.delete(question.id);
        return next;
      });
      if (ack.ok) {
        if (action === 'reject') setRejecting(null);
        setFeedback({ error: false, text: t(`console.done.${action}`, { text: question.text }) });
      } else {
        setFeedback({ error: true, text: t(`console.error.${ack.error.code}`) });
      }
      if (hadFocus) setFocusAfter({ list, id: question.id, nextId });
    },
    [room, t],
  );

  // Once the lists show an action's outcome: the keyboard stays where it was, or goes back to the
  // same question if it stayed in its list (shown on screen), else to its neighbour (approved, rejected).
  useEffect(() => {
    if (!focusAfter) return;
    setFocusAfter(null);
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const { list, id, nextId } = focusAfter;
    const same = list?.isConnected ? list.querySelector<HTMLElement>(`[data-question-id="${id}"]`) : null;
    const next = nextId ? document.querySelector<HTMLElement>(`.console-list [data-question-id="${nextId}"]`) : null;
    (same ?? next)?.focus();
  }, [focusAfter]);

  // The shortcuts: on the focused question, never while typing, never with Ctrl/Alt/Meta.
  const handlers = useRef({ act, setRejecting, byId });
  handlers.current = { act, setRejecting, byId };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (event.key === '?') {
        const help = helpRef.current;
        if (help) {
          help.open = !help.open;
          if (help.open) help.querySelector('summary')?.focus();
        }
        event.preventDefault();
        return;
      }
      const article = target?.closest<HTMLElement>('[data-question-id]') ?? null;
      const key = event.key.toLowerCase();
      if (['j', 'k', 'arrowdown', 'arrowup'].includes(key)) {
        if (target?.closest('summary, details') && !article) return;
        const all = [...document.querySelectorAll<HTMLElement>('.console-list [data-question-id]')];
        if (all.length === 0) return;
        const index = article ? all.indexOf(article) : -1;
        const forward = key === 'j' || key === 'arrowdown';
        const next = index < 0 ? all[forward ? 0 : all.length - 1] : all[Math.min(all.length - 1, Math.max(0, index + (forward ? 1 : -1)))];
        next.focus();
        event.preventDefault();
        return;
      }
      if (!article || event.repeat) return;
      const question = handlers.current.byId.get(article.dataset.questionId ?? '');
      if (!question) return;
      const action = actionForKey(event.key, question);
      if (!action) return;
      event.preventDefault();
      if (action === 'reject') handlers.current.setRejecting(question.id);
      else void handlers.current.act(question, action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  if (room.joinError && !room.session) {
    return (
      <div className="console-page">
        <div className="notice notice-error" role="alert">
          <p>{t(room.joinError === 'not_found' ? 'console.notFound' : `console.error.${room.joinError}`)}</p>
        </div>
      </div>
    );
  }
  if (!room.session) return <Loading />;

  const session = room.session;
  const status = laterStatus(session.status, httpStatus);
  const ended = status === 'ended';
  const onRejecting = (question: LiveQuestionView | null) => setRejecting(question?.id ?? null);
  const item = (question: LiveQuestionView, showUpvotes: boolean) => (
    <QuestionItem
      key={question.id}
      question={question}
      busy={busy.has(question.id)}
      rejecting={rejecting === question.id}
      onAction={(q, action, reason) => void act(q, action, reason)}
      onRejecting={onRejecting}
      showUpvotes={showUpvotes}
    />
  );

  return (
    <div className="console-page">
      <SessionBar session={session} status={status} connection={room.connection} onStatus={setHttpStatus} />
      <div className="console-tools">
        <ShortcutsHelp ref={helpRef} />
        <p className="visually-hidden" aria-live="polite">
          {arrivals}
        </p>
        <div className="console-feedback">
          {feedback &&
            (feedback.error ? (
              <p className="notice notice-error" role="alert">
                {feedback.text}
              </p>
            ) : (
              <p role="status" className="console-done">
                {feedback.text}
              </p>
            ))}
        </div>
      </div>
      {ended && (
        <p className="notice" role="status">
          {t('console.endedNote')}
        </p>
      )}

      <section className="console-panel console-on-screen" aria-labelledby="console-on-screen-title">
        <h2 id="console-on-screen-title">{t('console.onScreen.title')}</h2>
        {room.onScreen ? (
          <div className="console-on-screen-body" data-question-id={room.onScreen.id}>
            <p className="console-on-screen-text">{room.onScreen.text}</p>
            <p className="console-question-meta">
              <span>{room.onScreen.author ? personName(room.onScreen.author.displayName, t) : t('console.question.anonymous')}</span>
              <span className="console-upvotes">{t('console.question.upvotes', { count: room.onScreen.upvotes })}</span>
            </p>
            <div className="console-actions">
              <button
                type="button"
                className="console-action"
                disabled={ended || busy.has(room.onScreen.id)}
                onClick={() => room.onScreen && void act(room.onScreen, 'hide')}
              >
                {t('console.action.hide')}
              </button>
              {room.onScreen.status === 'approved' && (
                <button
                  type="button"
                  className="console-action"
                  disabled={ended || busy.has(room.onScreen.id)}
                  onClick={() => room.onScreen && void act(room.onScreen, 'answer')}
                >
                  {t('console.action.answer')}
                </button>
              )}
            </div>
          </div>
        ) : (
          <p className="meta">{t('console.onScreen.none')}</p>
        )}
      </section>

      <div className="console-columns">
        <section className="console-panel" aria-labelledby="console-queue-title">
          <h2 id="console-queue-title">
            {t('console.queue.title')} <span className="console-count">{queue.length}</span>
          </h2>
          <p className="meta">{session.preModeration ? t('console.queue.hint') : t('console.queue.noPreModeration')}</p>
          {queue.length === 0 ? (
            <p className="console-empty">{t('console.queue.empty')}</p>
          ) : (
            <ol className="console-list" aria-labelledby="console-queue-title">
              {queue.map((q) => item(q, false))}
            </ol>
          )}
        </section>

        <section className="console-panel" aria-labelledby="console-approved-title">
          <h2 id="console-approved-title">
            {t('console.approved.title')} <span className="console-count">{approved.length}</span>
          </h2>
          <p className="meta">{t('console.approved.hint')}</p>
          {approved.length === 0 ? (
            <p className="console-empty">{t('console.approved.empty')}</p>
          ) : (
            <ol className="console-list" aria-labelledby="console-approved-title">
              {approved.map((q) => item(q, true))}
            </ol>
          )}
          {answered.length > 0 && (
            <details className="console-answered">
              <summary>{t('console.answered.title', { count: answered.length })}</summary>
              <ol className="console-list" aria-label={t('console.answered.list')}>
                {answered.map((q) => item(q, true))}
              </ol>
            </details>
          )}
        </section>

        <PollsPanel polls={room.polls} sessionId={session.id} ended={ended} />
        <ModerationTools
          sessionId={session.id}
          questions={[...approved, ...answered]}
          ended={ended}
          onMerge={(questionId, intoQuestionId) => room.moderate(questionId, 'merge', undefined, intoQuestionId)}
        />
      </div>
    </div>
  );
}

/** `/live/:code/moderate`: the moderator's console. Signed-in moderators (and up) only. */
export function ConsolePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const { user } = useAuth();
  const location = useLocation();
  const identity = useLiveIdentity();

  if (user === undefined) return <Loading />;
  if (!user || !hasRole(user.role, 'moderator')) {
    return (
      <div className="console-page console-guard">
        <h1>{t('console.heading')}</h1>
        <p className="notice" role="status">
          {t('console.onlyModerators')}
        </p>
        {user === null ? (
          <p>
            <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('console.signIn')}</Link>
          </p>
        ) : (
          <p>
            <Link to={`/live/${encodeURIComponent(code)}`}>{t('console.toParticipant')}</Link>
          </p>
        )}
      </div>
    );
  }
  if (identity.status !== 'ready' || !identity.identity) return <Loading />;
  return <Console code={normalizeCode(code)} identity={identity.identity} />;
}

export default ConsolePage;
