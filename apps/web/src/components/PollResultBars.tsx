import { useTranslation } from '../i18n/translator';
import type { PollResults, PollView } from '@balai/contracts';

/**
 * Each option's votes as a share of the ballots, as text and as a bar (the text is what a screen reader
 * reads; several options per ballot can add up to more than 100 %), the viewer's own choices marked.
 */
export function PollResultBars({
  poll,
  results,
  heading: Heading = 'h4',
  headingClassName,
}: {
  poll: PollView;
  results: PollResults;
  heading?: 'h3' | 'h4';
  headingClassName?: string;
}) {
  const { t } = useTranslation();
  const votes = new Map(results.options.map((option) => [option.id, option.votes]));
  const mine = new Set(poll.myBallot?.optionIds ?? []);
  return (
    <div className="poll-results">
      <Heading className={headingClassName}>{t('poll.results')}</Heading>
      <ul aria-label={t('poll.resultsOf', { question: poll.question })}>
        {poll.options.map((option) => {
          const count = votes.get(option.id) ?? 0;
          const percent = results.totalBallots > 0 ? Math.round((count * 100) / results.totalBallots) : 0;
          return (
            <li key={option.id} className="poll-result">
              <span className="poll-result-label">
                {option.label}
                {mine.has(option.id) && <span className="badge">{t('poll.yourChoice')}</span>}
              </span>
              <span className="poll-result-count">{t('poll.optionVotes', { count, percent })}</span>
              <span className="poll-bar" aria-hidden="true">
                <span className="poll-bar-fill" style={{ width: `${percent}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      <p className="meta">{t('poll.totalBallots', { count: results.totalBallots })}</p>
    </div>
  );
}
