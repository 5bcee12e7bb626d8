import { KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link } from 'react-router-dom';
import {
  hasRole,
  MODERATION_ITEM_TYPES,
  MODERATION_REASONS,
  MODERATION_SORTS,
  ModerationItemStatus,
  ModerationItemType,
  ModerationItemView,
  ModerationLogEntryView,
  ModerationReason,
  ModerationSort,
  ResolveAction,
} from '@balai/contracts';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { errorText, Loading } from '../../components/Status';
import { formatDate, personName } from '../../format';
import { useTitle } from '../../useTitle';
import './moderation-desk.css';

/** How often the desk asks for the queue again: changes arrive without a reload. */
const REFRESH_MS = 4000;

const SHORTCUTS: Record<string, ResolveAction | 'claim'> = { c: 'claim', a: 'approve', r: 'reject', h: 'hide', d: 'dismiss' };
const ACTIONS: ResolveAction[] = ['approve', 'reject', 'hide', 'dismiss'];
const KEY_OF: Record<ResolveAction | 'claim', string> = { claim: 'C', approve: 'A', reject: 'R', hide: 'H', dismiss: 'D' };

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function Item({
  item,
  me,
  onDone,
  onMessage,
}: {
  item: ModerationItemView;
  me: string;
  onDone(): void;
  onMessage(text: string, error?: boolean): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState<ModerationReason | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const pending = item.status === 'pending';
  const mine = item.claimedBy === me;
  const heldByOther = item.claimedBy !== null && !mine;

  const run = async (action: ResolveAction | 'claim') => {
    if (!pending || busy) return;
    if ((action === 'reject' || action === 'hide') && !reason) return onMessage(t('moderation.needReason'), true);
    setBusy(true);
    try {
      if (action === 'claim') {
        await api('POST /moderation/items/:id/claim', { params: { id: item.id } });
      } else {
        await api('POST /moderation/items/:id/resolve', {
          params: { id: item.id },
          body: { action, ...(reason ? { reason } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
        });
        onMessage(t('moderation.resolved', { action: t(`moderation.actionDone.${action}`) }));
      }
      onDone();
    } catch (error: unknown) {
      onMessage(error instanceof ApiError && error.status === 409 ? t('moderation.claimTaken') : errorText(error, t), true);
      onDone();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const action = SHORTCUTS[event.key.toLowerCase()];
    if (action) {
      event.preventDefault();
      void run(action);
    }
  };

  const label = t('moderation.item.label', { type: t(`moderation.target.${item.target.type}`), excerpt: item.target.excerpt.slice(0, 80) });
  return (
    <li>
      <article className={`desk-item desk-item-${item.type}`} tabIndex={0} aria-label={label} onKeyDown={onKeyDown} data-item={item.id}>
        <p className="desk-item-meta">
          <span className={`badge desk-type desk-type-${item.type}`}>{t(`moderation.type.${item.type}`)}</span>
          <span className="badge">{t(`moderation.target.${item.target.type}`)}</span>
          {item.reportCount > 0 && <span className="badge desk-reports">{t('moderation.item.reports', { count: item.reportCount })}</span>}
          <time dateTime={item.createdAt}>{formatDate(item.createdAt, true)}</time>
        </p>
        <blockquote className="desk-excerpt">{item.target.excerpt}</blockquote>
        <p className="desk-item-meta">
          <span>
            {t('moderation.item.by', {
              name: item.target.authorName ? personName(item.target.authorName, t) : t('moderation.item.anonymous'),
            })}
          </span>
          {item.reasons.length > 0 && (
            <span>
              {t('moderation.item.reasons')}: {item.reasons.map((r) => t(`moderation.reportReason.${r}`, { defaultValue: r })).join(', ')}
            </span>
          )}
          {item.link && <Link to={item.link}>{t('moderation.item.open')}</Link>}
        </p>
        {item.resolution && (
          <p className="desk-resolution">{t('moderation.item.resolution', { action: t(`moderation.action.${item.resolution}`) })}</p>
        )}
        {pending && item.claimedUntil && (
          <p className={heldByOther ? 'desk-claim desk-claim-other' : 'desk-claim'}>
            {mine
              ? t('moderation.item.claimedByMe', { time: time(item.claimedUntil) })
              : t('moderation.item.claimedByOther', { time: time(item.claimedUntil) })}
          </p>
        )}
        {pending && (
          <div className="desk-controls">
            <div className="desk-fields">
              <label htmlFor={`${id}-reason`}>{t('moderation.reason.label')}</label>
              <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as ModerationReason | '')}>
                <option value="">{t('moderation.reason.choose')}</option>
                {MODERATION_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {t(`moderation.reason.${value}`)}
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-note`}>{t('moderation.note')}</label>
              <input id={`${id}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="desk-actions" role="group" aria-label={label}>
              {!mine && (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={busy || heldByOther}
                  aria-keyshortcuts="C"
                  onClick={() => void run('claim')}
                >
                  {t('moderation.action.claim')} <kbd aria-hidden="true">C</kbd>
                </button>
              )}
              {ACTIONS.map((action) => (
                <button
                  key={action}
                  type="button"
                  className={`button desk-action-${action}`}
                  disabled={busy || heldByOther}
                  aria-keyshortcuts={KEY_OF[action]}
                  onClick={() => void run(action)}
                >
                  {t(`moderation.action.${action}`)} <kbd aria-hidden="true">{KEY_OF[action]}</kbd>
                </button>
              ))}
            </div>
          </div>
        )}
      </article>
    </li>
  );
}

function Log({ entries }: { entries: ModerationLogEntryView[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="desk-log-heading" className="desk-log">
      <h2 id="desk-log-heading">{t('moderation.log.title')}</h2>
      {entries.length === 0 ? (
        <p className="empty">{t('moderation.log.empty')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="desk-log-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('moderation.log.when')}</th>
                <th scope="col">{t('moderation.log.who')}</th>
                <th scope="col">{t('moderation.log.what')}</th>
                <th scope="col">{t('moderation.log.target')}</th>
                <th scope="col">{t('moderation.log.why')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>{formatDate(entry.createdAt, true)}</time>
                  </td>
                  <td>{personName(entry.moderator.displayName, t)}</td>
                  <td>{t(`moderation.action.${entry.action}`, { defaultValue: entry.action })}</td>
                  <td>{t(`moderation.target.${entry.target.type}`, { defaultValue: entry.target.type })}</td>
                  <td>
                    {[entry.reasonCode && t(`moderation.reason.${entry.reasonCode}`, { defaultValue: entry.reasonCode }), entry.note]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** `/moderation`: the queue of every channel, with filters, claims, actions with reasons, keyboard shortcuts, and the log. */
export function ModerationDeskPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useTitle(t('moderation.title'));
  const [status, setStatus] = useState<ModerationItemStatus>('pending');
  const [type, setType] = useState<ModerationItemType | ''>('');
  const [sort, setSort] = useState<ModerationSort>('newest');
  const [items, setItems] = useState<ModerationItemView[] | null>(null);
  const [log, setLog] = useState<ModerationLogEntryView[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const allowed = user ? hasRole(user.role, 'moderator') : false;

  const load = useCallback(async () => {
    try {
      const [queue, entries] = await Promise.all([
        api('GET /moderation/items', { query: { status, sort, limit: 50, ...(type ? { type } : {}) } }),
        api('GET /moderation/log', { query: { limit: 20 } }),
      ]);
      setItems(queue.items);
      setLog(entries.items);
    } catch (error: unknown) {
      setMessage({ text: errorText(error, t), error: true });
    }
  }, [status, type, sort, t]);

  useEffect(() => {
    if (!allowed) return;
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [allowed, load]);

  if (user === undefined) return <Loading />;
  if (!allowed)
    return (
      <div className="page">
        <h1>{t('moderation.title')}</h1>
        <p className="notice">{t('moderation.onlyModerators')}</p>
        {!user && (
          <Link className="button" to="/login?next=%2Fmoderation">
            {t('moderation.signIn')}
          </Link>
        )}
      </div>
    );

  /** J/K move the focus between items. */
  const onListKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const key = event.key.toLowerCase();
    if ((key !== 'j' && key !== 'k') || event.altKey || event.ctrlKey || event.metaKey) return;
    const articles = [...(listRef.current?.querySelectorAll<HTMLElement>('article.desk-item') ?? [])];
    if (articles.length === 0) return;
    const at = articles.findIndex((article) => article === document.activeElement);
    const next = key === 'j' ? Math.min(articles.length - 1, at + 1) : Math.max(0, at - 1);
    event.preventDefault();
    articles[next]?.focus();
  };

  return (
    <div className="page desk">
      <h1>{t('moderation.title')}</h1>
      <p className="lead">{t('moderation.intro')}</p>
      <form className="desk-filters" aria-label={t('moderation.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('moderation.filter.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as ModerationItemStatus)}>
            <option value="pending">{t('moderation.status.pending')}</option>
            <option value="resolved">{t('moderation.status.resolved')}</option>
          </select>
        </label>
        <label>
          {t('moderation.filter.type')}
          <select value={type} onChange={(e) => setType(e.target.value as ModerationItemType | '')}>
            <option value="">{t('moderation.filter.all')}</option>
            {MODERATION_ITEM_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`moderation.type.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('moderation.filter.sort')}
          <select value={sort} onChange={(e) => setSort(e.target.value as ModerationSort)}>
            {MODERATION_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`moderation.sort.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="desk-shortcuts">{t('moderation.shortcuts')}</p>
      <div aria-live="polite" className="desk-message">
        {message && <p className={message.error ? 'notice notice-error' : 'notice'}>{message.text}</p>}
      </div>
      <div className="desk-columns">
        <section aria-labelledby="desk-queue-heading" className="desk-queue">
          <h2 id="desk-queue-heading">
            {t('moderation.queue')} {items && <span className="desk-count">({t('moderation.count', { count: items.length })})</span>}
          </h2>
          {items === null ? (
            <Loading />
          ) : items.length === 0 ? (
            <p className="empty">{t('moderation.empty')}</p>
          ) : (
            <ol className="desk-list" ref={listRef} onKeyDown={onListKeyDown} aria-labelledby="desk-queue-heading">
              {items.map((item) => (
                <Item
                  key={item.id}
                  item={item}
                  me={user!.id}
                  onDone={() => void load()}
                  onMessage={(text, error = false) => setMessage({ text, error })}
                />
              ))}
            </ol>
          )}
        </section>
        <Log entries={log} />
      </div>
    </div>
  );
}
