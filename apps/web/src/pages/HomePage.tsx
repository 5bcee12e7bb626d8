import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConsultationView } from '@balai/contracts';
import { markdownExcerpt } from '../components/Markdown';
import { ErrorState, Loading } from '../components/Status';
import { formatDate } from '../format';
import { usePaged } from '../usePaged';
import { useTitle } from '../useTitle';

const OPEN = { query: { status: 'open' } } as const;

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
  useTitle(t('home.title'));
  const consultations = usePaged('GET /consultations', OPEN);

  return (
    <section className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
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
    </section>
  );
}
