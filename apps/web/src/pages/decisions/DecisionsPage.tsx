import { useTranslation } from '../../i18n/translator';
import { Link } from 'react-router-dom';
import type { DecisionListItem } from '@balai/contracts';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate } from '../../format';
import { usePaged } from '../../usePaged';
import { useTitle } from '../../useTitle';
import './decisions.css';

const NEWEST = { query: {} } as const;
const LATEST = { query: { limit: 3 } } as const;

export function FeedLinks() {
  const { t } = useTranslation();
  return (
    <ul className="decision-links" aria-label={t('decisions.outputs')}>
      <li>
        <a href="/api/v1/decisions/feed.atom" type="application/atom+xml">
          {t('decisions.feed')}
        </a>
      </li>
      <li>
        <a href="/api/v1/decisions/export?format=csv" download>
          {t('decisions.exportCsv')}
        </a>
      </li>
      <li>
        <a href="/api/v1/decisions/export?format=json" download>
          {t('decisions.exportJson')}
        </a>
      </li>
    </ul>
  );
}

function DecisionCard({ decision, heading: Heading = 'h2' }: { decision: DecisionListItem; heading?: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <Heading className="card-title">
        <Link to={`/decisions/${decision.id}`}>{decision.title}</Link>
      </Heading>
      <p className="meta">
        <span>{t('decisions.ofConsultation', { title: decision.consultationTitle })}</span>
        <span>{t('decisions.publishedAt', { date: formatDate(decision.publishedAt) })}</span>
        {decision.amendments > 0 && <span>{t('decisions.amendmentCount', { count: decision.amendments })}</span>}
      </p>
    </li>
  );
}

/** `/decisions`: every published decision, newest first, with the feed and the exports. */
export function DecisionsPage() {
  const { t } = useTranslation();
  useTitle(t('decisions.title'));
  const decisions = usePaged('GET /decisions', NEWEST);
  return (
    <section className="page">
      <h1>{t('decisions.title')}</h1>
      <p className="lead">{t('decisions.intro')}</p>
      <FeedLinks />
      {decisions.loading ? (
        <Loading />
      ) : decisions.error && decisions.items.length === 0 ? (
        <ErrorState error={decisions.error} onRetry={decisions.reload} />
      ) : decisions.items.length === 0 ? (
        <p className="empty">{t('decisions.empty')}</p>
      ) : (
        <ul className="cards">
          {decisions.items.map((decision) => (
            <DecisionCard key={decision.id} decision={decision} />
          ))}
        </ul>
      )}
      {decisions.hasMore && !decisions.loading && (
        <button type="button" className="button button-secondary" onClick={decisions.loadMore} disabled={decisions.loadingMore}>
          {decisions.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}

/** The home page's latest decisions: nothing at all while there is none. */
export function LatestDecisions() {
  const { t } = useTranslation();
  const latest = usePaged('GET /decisions', LATEST);
  if (latest.items.length === 0) return null;
  return (
    <section aria-labelledby="latest-decisions-heading" className="latest-decisions">
      <h2 id="latest-decisions-heading">{t('decisions.latest')}</h2>
      <ul className="cards">
        {latest.items.map((decision) => (
          <DecisionCard key={decision.id} decision={decision} heading="h3" />
        ))}
      </ul>
      <p>
        <Link to="/decisions">{t('decisions.all')}</Link>
      </p>
    </section>
  );
}
