import { useTranslation } from '../../i18n/translator';
import { Link, useParams } from 'react-router-dom';
import { hasRole } from '@balai/contracts';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { Markdown } from '../../components/Markdown';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate } from '../../format';
import { useFetched } from '../../useFetched';
import { useTitle } from '../../useTitle';
import { AmendDecisionForm } from './DecisionForms';
import { FeedLinks } from './DecisionsPage';
import { SummaryPanel } from './SummaryPanel';
import './decisions.css';

/** `/decisions/:id`: the decision as published, its amendments, the summary it froze, the feed and exports. */
export function DecisionPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { user } = useAuth();
  const { data: decision, setData, error, retry } = useFetched('GET /decisions/:id', id ? { params: { id } } : null);
  useTitle(decision?.title);

  if (error) return <ErrorState error={error} onRetry={error instanceof ApiError && error.status === 404 ? undefined : retry} />;
  if (!decision || decision.id !== id) return <Loading />;

  return (
    <article className="page decision-page">
      <p className="meta">
        <span className="badge badge-status">{t('decisions.badge')}</span>
        <span>{t('decisions.publishedAt', { date: formatDate(decision.publishedAt, true) })}</span>
      </p>
      <h1>{decision.title}</h1>
      <p>
        {t('decisions.consultation')} <Link to={`/consultations/${decision.consultationId}`}>{decision.consultationTitle}</Link>
      </p>
      <Markdown text={decision.body} className="prose" />
      {decision.citedThreadIds.length > 0 && (
        <section aria-labelledby="cited-heading">
          <h2 id="cited-heading">{t('decisions.cited')}</h2>
          <ul>
            {decision.citedThreadIds.map((threadId) => {
              const known = decision.summary.topThreads.find((thread) => thread.id === threadId);
              return (
                <li key={threadId}>
                  <Link to={`/threads/${threadId}`}>{known?.title ?? t('decisions.thread', { id: threadId.slice(0, 8) })}</Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section aria-labelledby="amendments-heading">
        <h2 id="amendments-heading">{t('decisions.amendments')}</h2>
        {decision.amendments.length === 0 ? (
          <p className="empty">{t('decisions.noAmendments')}</p>
        ) : (
          <ol className="decision-amendments">
            {decision.amendments.map((amendment) => (
              <li key={amendment.id} id={`amendment-${amendment.id}`} className="card">
                <p className="meta">{t('decisions.amendedAt', { date: formatDate(amendment.amendedAt, true) })}</p>
                <Markdown text={amendment.body} className="prose" />
              </li>
            ))}
          </ol>
        )}
      </section>
      {user && hasRole(user.role, 'official') && (
        <AmendDecisionForm
          decisionId={decision.id}
          onAmended={(amendment) =>
            setData((current) => (current ? { ...current, amendments: [...current.amendments, amendment] } : current))
          }
        />
      )}
      <p className="field-hint">{t('decisions.frozen')}</p>
      <SummaryPanel summary={decision.summary} />
      <section aria-labelledby="outputs-heading">
        <h2 id="outputs-heading">{t('decisions.outputs')}</h2>
        <FeedLinks />
        {decision.logEntry && (
          <p className="meta">
            {t('decisions.logEntry', { seq: decision.logEntry.seq })} <code>{decision.logEntry.hash.slice(0, 16)}…</code>
          </p>
        )}
      </section>
    </article>
  );
}
