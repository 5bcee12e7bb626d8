import { useTranslation } from '../i18n/translator';
import type { ConsultationView } from '@balai/contracts';
import { usePaged } from '../usePaged';
import { PollCard } from './PollCard';
import { ErrorState } from './Status';

/** The consultation's polls, newest first; nothing at all while there are none. */
export function ConsultationPolls({ consultation }: { consultation: ConsultationView }) {
  const { t } = useTranslation();
  const polls = usePaged('GET /polls', { query: { consultationId: consultation.id } });

  if (polls.loading || (polls.items.length === 0 && !polls.error)) return null;
  return (
    <section aria-labelledby="polls-heading">
      <h2 id="polls-heading">{t('consultation.polls')}</h2>
      {polls.error && polls.items.length === 0 ? (
        <ErrorState error={polls.error} onRetry={polls.reload} />
      ) : (
        <ul className="cards" aria-labelledby="polls-heading">
          {polls.items.map((poll) => (
            <PollCard
              key={poll.id}
              poll={poll}
              acceptsInput={consultation.acceptsInput}
              onChange={(updated) => polls.setItems((items) => items.map((item) => (item.id === updated.id ? updated : item)))}
            />
          ))}
        </ul>
      )}
      {polls.hasMore && (
        <button type="button" className="button button-secondary" onClick={polls.loadMore} disabled={polls.loadingMore}>
          {polls.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
