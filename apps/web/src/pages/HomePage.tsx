import { useEffect } from 'react';
import { useTranslation } from '../i18n/translator';
import { Link } from 'react-router-dom';
import { ConsultationView, hasRole } from '@balai/contracts';
import { useAuth } from '../auth';
import { markdownExcerpt } from '../components/Markdown';
import { ErrorState, Loading } from '../components/Status';
import { formatDate } from '../format';
import { usePaged } from '../usePaged';
import { LatestDecisions } from './decisions/DecisionsPage';
import { useTitle } from '../useTitle';
import './live-entry.css';

const OPEN = { query: { status: 'open' } } as const;
const LIVE = { query: { status: 'live' } } as const;
/** Sessions go live during a meeting: the list is asked again now and then, without a reload. */
const LIVE_REFRESH_MS = 60_000;

/** The sessions live now, each one tap from its participant page; nothing at all when none is live. */
function LiveNow() {
  const { t } = useTranslation();
  const live = usePaged('GET /live-sessions', LIVE);
  const { reload } = live;

  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') reload();
    };
    const timer = window.setInterval(refresh, LIVE_REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [reload]);

  if (live.items.length === 0) return null;
  return (
    <section className="live-now" aria-labelledby="live-now-heading">
      <h2 id="live-now-heading">
        <span className="live-dot" aria-hidden="true" />
        {t('home.liveNow')}
      </h2>
      <ul className="live-list">
        {live.items.map((session) => (
          <li key={session.id} className="live-item">
            <div className="live-item-text">
              <span className="live-item-title">{session.title}</span>
              <span className="live-item-code">{t('home.liveCode', { code: session.code })}</span>
            </div>
            <Link className="button" to={`/live/${session.code}`} aria-label={t('home.joinSession', { title: session.title })}>
              {t('home.join')}
            </Link>
          </li>
        ))}
      </ul>
      {live.hasMore && (
        <button type="button" className="button button-secondary" onClick={live.loadMore} disabled={live.loadingMore}>
          {live.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}

function ConsultationCard({ consultation }: { consultation: ConsultationView }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <h2 className="card-title">
        <Link to={`/consultations/${consultation.id}`}>{consultation.title}</Link>
      </h2>
      <p className="excerpt">{markdownExcerpt(consultation.description)}</p>
      <p className="meta">
        <span>{t('home.threadCount', { count: consultation.counts.threads })}</span>
        <span>{t('home.participantCount', { count: consultation.counts.participants })}</span>
        {consultation.closesAt && <span>{t('home.closesAt', { date: formatDate(consultation.closesAt) })}</span>}
      </p>
    </li>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useTitle(t('home.title'));
  const consultations = usePaged('GET /consultations', OPEN);

  return (
    <section className="page">
      <LiveNow />
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      {user && hasRole(user.role, 'moderator') && (
        <p>
          <Link className="button button-secondary" to="/live/new">
            {t('home.newLiveSession')}
          </Link>
        </p>
      )}
      {consultations.loading ? (
        <Loading />
      ) : consultations.error && consultations.items.length === 0 ? (
        <ErrorState error={consultations.error} onRetry={consultations.reload} />
      ) : consultations.items.length === 0 ? (
        <p className="empty">{t('home.empty')}</p>
      ) : (
        <>
          <ul className="cards">
            {consultations.items.map((consultation) => (
              <ConsultationCard key={consultation.id} consultation={consultation} />
            ))}
          </ul>
          {consultations.error ? <ErrorState error={consultations.error} /> : null}
          {consultations.hasMore && (
            <button type="button" className="button button-secondary" onClick={consultations.loadMore} disabled={consultations.loadingMore}>
              {consultations.loadingMore ? t('common.loading') : t('common.loadMore')}
            </button>
          )}
        </>
      )}
      <LatestDecisions />
    </section>
  );
}
