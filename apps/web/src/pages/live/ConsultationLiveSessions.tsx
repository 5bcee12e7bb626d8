import { hasRole, type ConsultationView, type LiveSessionStatus, type LiveSessionView } from '@balai/contracts';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { ErrorState } from '../../components/Status';
import { formatDate } from '../../format';
import { useTranslation } from '../../i18n/translator';
import { usePaged } from '../../usePaged';
import './consultation-live.css';

/** Live now first, then the scheduled ones, then those that ended; newest first within each. */
const ORDER: Record<LiveSessionStatus, number> = { live: 0, scheduled: 1, ended: 2 };

function SessionItem({ session, runs }: { session: LiveSessionView; runs: boolean }) {
  const { t } = useTranslation();
  const when =
    session.status === 'live' && session.startedAt
      ? t('consultation.live.startedAt', { date: formatDate(session.startedAt, true) })
      : session.status === 'ended' && session.endedAt
        ? t('consultation.live.endedAt', { date: formatDate(session.endedAt, true) })
        : t('consultation.live.createdAt', { date: formatDate(session.createdAt, true) });
  // Several sessions, one link text each: the title tells the links apart for a screen reader, after
  // the visible words (WCAG 2.5.3, label in name).
  const named = (key: string) => `${t(key)}: ${session.title}`;
  return (
    <li className={`card live-session live-session-${session.status}`}>
      <p className="meta">
        <span className={`badge live-session-status-${session.status}`}>{t(`consultation.live.status.${session.status}`)}</span>
        <span>{when}</span>
      </p>
      <h3 className="card-title">{session.title}</h3>
      {session.status !== 'ended' && (
        <p className="live-session-code">
          {t('consultation.live.code')} <strong className="live-session-code-value">{session.code}</strong>
        </p>
      )}
      <p className="live-session-links">
        {session.status !== 'ended' && (
          <Link className="button" to={`/live/${session.code}`} aria-label={named('consultation.live.join')}>
            {t('consultation.live.join')}
          </Link>
        )}
        {runs && (
          <Link to={`/live/${session.code}/moderate`} aria-label={named('consultation.live.console')}>
            {t('consultation.live.console')}
          </Link>
        )}
        {runs && session.status !== 'ended' && (
          <Link to={`/live/${session.code}/screen`} aria-label={named('consultation.live.screen')}>
            {t('consultation.live.screen')}
          </Link>
        )}
      </p>
    </li>
  );
}

/**
 * The consultation's live Q&A sessions with the way into each (join; console and screen for those
 * who run them), and for moderators and officials the way to start one for this consultation.
 * Nothing at all for a reader while the consultation has none.
 */
export function ConsultationLiveSessions({ consultation }: { consultation: ConsultationView }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const sessions = usePaged('GET /live-sessions', { query: { consultationId: consultation.id, limit: 50 } });
  const runs = !!user && hasRole(user.role, 'moderator');
  const canStart = runs && consultation.acceptsInput;

  if (sessions.loading || (!canStart && sessions.items.length === 0 && !sessions.error)) return null;
  const ordered = [...sessions.items].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <section aria-labelledby="live-sessions-heading" className="consultation-live">
      <h2 id="live-sessions-heading">{t('consultation.live.heading')}</h2>
      {sessions.error && sessions.items.length === 0 ? (
        <ErrorState error={sessions.error} onRetry={sessions.reload} />
      ) : ordered.length === 0 ? (
        <p className="empty">{t('consultation.live.none')}</p>
      ) : (
        <ul className="cards" aria-labelledby="live-sessions-heading">
          {ordered.map((session) => (
            <SessionItem key={session.id} session={session} runs={runs} />
          ))}
        </ul>
      )}
      {sessions.hasMore && (
        <button type="button" className="button button-secondary" onClick={sessions.loadMore} disabled={sessions.loadingMore}>
          {sessions.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
      {canStart && (
        <p>
          <Link className="button button-secondary" to={`/live/new?consultationId=${encodeURIComponent(consultation.id)}`}>
            {t('consultation.live.start')}
          </Link>
        </p>
      )}
    </section>
  );
}
