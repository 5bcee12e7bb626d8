import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/translator';
import { NavLink } from 'react-router-dom';
import type { NotificationView } from '@balai/contracts';
import { api, endLocalSession, tokenStore } from '../api';
import { connectLive } from '../live/live-socket';
import '../notifications.css';

/** Dispatched on window when notifications change here (marked read, or one arrived): `detail` is the unread count, if known. */
export const NOTIFICATIONS_CHANGED = 'balai:notifications-changed';
/** Dispatched on window with the notification when one arrives over the socket. */
export const NOTIFICATION_ARRIVED = 'balai:notification-arrived';

/**
 * The header's link to /notifications with the unread count. It changes live: a `/live` socket with
 * the user's token receives `notification:new` (the server sends it to the person's own room); the
 * count is read again on (re)connection, so nothing missed while offline stays uncounted.
 */
export function NotificationBadge({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    const refresh = () =>
      api('GET /me/notifications/unread-count')
        .then((result) => !cancelled && setCount(result.count))
        .catch(() => undefined);
    const token = tokenStore.get();
    const socket = token ? connectLive(token) : null;
    socket?.on('connect', () => void refresh());
    // The server closed the socket (this account's sessions ended, say): an HTTP call tells, and a
    // refused token signs the tab out (api.ts). A handshake that refuses the token does the same.
    socket?.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') void refresh();
    });
    socket?.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (token && error.message === 'unauthorized') endLocalSession(token, error.data?.code);
    });
    socket?.on('notification:new', ({ notification }: { notification: NotificationView }) => {
      setCount((current) => (current ?? 0) + 1);
      window.dispatchEvent(new CustomEvent(NOTIFICATION_ARRIVED, { detail: notification }));
    });
    const changed = (event: Event) => {
      const detail = (event as CustomEvent<number | undefined>).detail;
      if (typeof detail === 'number') setCount(detail);
      else void refresh();
    };
    window.addEventListener(NOTIFICATIONS_CHANGED, changed);
    void refresh();
    return () => {
      cancelled = true;
      socket?.close();
      window.removeEventListener(NOTIFICATIONS_CHANGED, changed);
    };
  }, [userId]);

  const unread = count ?? 0;
  // The name holds the visible text (WCAG 2.5.3): "Notifikasi 2 belum dibaca", the count visible, its words for screen readers.
  return (
    <NavLink to="/notifications" className="notification-link">
      {t('shell.notifications')}
      {unread > 0 && (
        <>
          {' '}
          <span className="notification-count">{unread > 99 ? '99+' : unread}</span>
          <span className="visually-hidden"> {t('notifications.unreadSuffix')}</span>
        </>
      )}
    </NavLink>
  );
}
