import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link } from 'react-router-dom';
import type { NotificationView } from '@balai/contracts';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { NOTIFICATION_ARRIVED, NOTIFICATIONS_CHANGED } from '../../components/NotificationBadge';
import { ErrorState, FormAlert, Loading } from '../../components/Status';
import { formatDate } from '../../format';
import { useForm } from '../../useForm';
import { usePaged } from '../../usePaged';
import { useTitle } from '../../useTitle';

function NotificationItem({ notification, onRead }: { notification: NotificationView; onRead(id: string): void }) {
  const { t } = useTranslation();
  return (
    <li className={notification.read ? 'card notification' : 'card notification notification-unread'}>
      <article aria-labelledby={`notification-${notification.id}`}>
        <p className="meta">
          {!notification.read && <span className="badge badge-unread">{t('notifications.unread')}</span>}
          <time dateTime={notification.createdAt}>{formatDate(notification.createdAt, true)}</time>
        </p>
        <h2 className="card-title" id={`notification-${notification.id}`}>
          <Link to={notification.link}>{notification.title}</Link>
        </h2>
        {notification.body.split('\n').map((line, index) => (
          <p key={index}>{line}</p>
        ))}
        {!notification.read && (
          <button
            type="button"
            className="button button-secondary"
            aria-label={t('notifications.markRead', { title: notification.title })}
            onClick={() => onRead(notification.id)}
          >
            {t('notifications.markReadShort')}
          </button>
        )}
      </article>
    </li>
  );
}

/** `/notifications`: the signed-in person's notifications, newest first, new ones added as they arrive. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useTitle(t('notifications.title'));
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = usePaged('GET /me/notifications', user ? { query: { unread: unreadOnly || undefined } } : null);
  const form = useForm();
  const [arrived, setArrived] = useState('');

  useEffect(() => {
    const onArrived = (event: Event) => {
      const notification = (event as CustomEvent<NotificationView>).detail;
      list.setItems((items) => (items.some((item) => item.id === notification.id) ? items : [notification, ...items]));
      setArrived(t('notifications.arrived', { title: notification.title }));
    };
    window.addEventListener(NOTIFICATION_ARRIVED, onArrived);
    return () => window.removeEventListener(NOTIFICATION_ARRIVED, onArrived);
  }, [list.setItems, t]);

  const markRead = (body: { ids: string[] } | { all: true }) =>
    form.submit(async () => {
      const result = await api('POST /me/notifications/read', { body });
      list.setItems((items) =>
        unreadOnly
          ? items.filter((item) => !('all' in body) && !body.ids.includes(item.id))
          : items.map((item) => ('all' in body || body.ids.includes(item.id) ? { ...item, read: true } : item)),
      );
      window.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED, { detail: result.unread }));
    });

  if (user === undefined) return <Loading />;
  if (user === null)
    return (
      <section className="page">
        <h1>{t('notifications.title')}</h1>
        <p className="panel">
          <Link className="button" to="/login?next=%2Fnotifications">
            {t('notifications.signIn')}
          </Link>
        </p>
      </section>
    );

  return (
    <section className="page" aria-labelledby="notifications-heading">
      <h1 id="notifications-heading">{t('notifications.title')}</h1>
      <p>{t('notifications.intro')}</p>
      <p className="visually-hidden" role="status">
        {arrived}
      </p>
      <div className="toolbar-row">
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
          {t('notifications.onlyUnread')}
        </label>
        <button type="button" className="button button-secondary" onClick={() => void markRead({ all: true })} disabled={form.busy}>
          {t('notifications.markAllRead')}
        </button>
      </div>
      <FormAlert message={form.error} />
      {list.loading ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <p className="empty">{unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}</p>
      ) : (
        <ol className="cards notifications" aria-labelledby="notifications-heading">
          {list.items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onRead={(id) => void markRead({ ids: [id] })} />
          ))}
        </ol>
      )}
      {list.hasMore && !list.loading && (
        <button type="button" className="button button-secondary" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
