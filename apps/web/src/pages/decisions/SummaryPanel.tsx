import { useTranslation } from '../../i18n/translator';
import { Link } from 'react-router-dom';
import type { ConsultationSummary, SummarySourceType } from '@balai/contracts';
import { formatDate } from '../../format';
import { ParticipationChart } from './ParticipationChart';

const PARTICIPATION = ['participants', 'threads', 'posts', 'questions', 'ballots', 'supports', 'upvotes'] as const;

/** Where a source lives in the web app: threads and posts on their thread's page; questions in their session's list. */
function SourceLink({ type, id, label }: { type: SummarySourceType; id: string; label: string }) {
  if (type === 'thread') return <Link to={`/threads/${id}`}>{label}</Link>;
  return (
    <span>
      {label} <code className="source-id">{id.slice(0, 8)}</code>
    </span>
  );
}

/**
 * A consultation's summary: participation (totals and by day), each poll, the most supported threads
 * and upvoted questions, themes and quotes, every item with its sources (links, ids and counts).
 * `headingLevel` 2 on the consultation page, 3 inside a decision.
 */
export function SummaryPanel({ summary, headingLevel = 2 }: { summary: ConsultationSummary; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const p = summary.participation;
  return (
    <section className="decision-summary" aria-labelledby={`summary-${summary.consultationId}`}>
      <H id={`summary-${summary.consultationId}`}>{t('decisions.summary.title')}</H>
      <p className="meta">{t('decisions.summary.generatedAt', { date: formatDate(summary.generatedAt, true) })}</p>

      <Sub>{t('decisions.summary.participation')}</Sub>
      <dl className="counts" aria-label={t('decisions.summary.participation')}>
        {PARTICIPATION.map((key) => (
          <div key={key}>
            <dt>{t(`decisions.summary.${key}`)}</dt>
            <dd>{p[key]}</dd>
          </div>
        ))}
      </dl>
      <ParticipationChart days={p.byDay} />

      <Sub>{t('decisions.summary.polls')}</Sub>
      {summary.polls.length === 0 ? (
        <p className="empty">{t('decisions.summary.noPolls')}</p>
      ) : (
        summary.polls.map((poll) => (
          <div key={poll.pollId} className="poll-results decision-poll">
            <p className="decision-poll-question">
              <strong>{poll.question}</strong>{' '}
              <span className="meta">{t('decisions.summary.ballotsOf', { count: poll.totalBallots })}</span>
            </p>
            <ul aria-label={t('decisions.summary.resultsOf', { question: poll.question })}>
              {poll.options.map((option) => {
                const percent = Math.round(option.share * 100);
                return (
                  <li key={option.id} className="poll-result">
                    <span className="poll-result-label">{option.label}</span>
                    <span className="poll-result-count">{t('decisions.summary.optionVotes', { count: option.votes, percent })}</span>
                    <span className="poll-bar" aria-hidden="true">
                      <span className="poll-bar-fill" style={{ width: `${Math.min(percent, 100)}%` }} />
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}

      <div className="decision-columns">
        <div>
          <Sub>{t('decisions.summary.topThreads')}</Sub>
          {summary.topThreads.length === 0 ? (
            <p className="empty">{t('decisions.summary.none')}</p>
          ) : (
            <ol className="decision-ranked">
              {summary.topThreads.map((thread) => (
                <li key={thread.id}>
                  <Link to={`/threads/${thread.id}`}>{thread.title}</Link>{' '}
                  <span className="meta">
                    {t('decisions.summary.supportsOf', { count: thread.supports })} ·{' '}
                    {t('decisions.summary.postsOf', { count: thread.posts })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <Sub>{t('decisions.summary.topQuestions')}</Sub>
          {summary.topQuestions.length === 0 ? (
            <p className="empty">{t('decisions.summary.none')}</p>
          ) : (
            <ol className="decision-ranked">
              {summary.topQuestions.map((question) => (
                <li key={question.id}>
                  {question.text} <span className="meta">{t('decisions.summary.upvotesOf', { count: question.upvotes })}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>

      <Sub>{t('decisions.summary.themes')}</Sub>
      <p className="field-hint">{t('decisions.summary.themesHint')}</p>
      {summary.themes.length === 0 ? (
        <p className="empty">{t('decisions.summary.none')}</p>
      ) : (
        <ul className="decision-themes">
          {summary.themes.map((theme) => (
            <li key={`${theme.kind}:${theme.term}`}>
              <span className="decision-theme-term">{theme.term}</span>{' '}
              <span className="meta">
                {t('decisions.summary.themeCount', { count: theme.count })} ·{' '}
                {t('decisions.summary.themeSources', {
                  threads: theme.sources.threads,
                  posts: theme.sources.posts,
                  questions: theme.sources.questions,
                })}
                {theme.forms.length > 1 && <> · {t('decisions.summary.forms', { forms: theme.forms.join(', ') })}</>}
              </span>
              {theme.examples.length > 0 && (
                <span className="decision-theme-examples">
                  {theme.examples.map((example) => (
                    <SourceLink
                      key={example.sourceType}
                      type={example.sourceType}
                      id={example.sourceId}
                      label={t(`decisions.summary.example.${example.sourceType}`, { term: theme.term })}
                    />
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <Sub>{t('decisions.summary.quotes')}</Sub>
      {summary.quotes.length === 0 ? (
        <p className="empty">{t('decisions.summary.none')}</p>
      ) : (
        <ul className="decision-quotes">
          {summary.quotes.map((quote) => (
            <li key={quote.sourceId}>
              <blockquote>{quote.text}</blockquote>
              <p className="meta">
                <SourceLink
                  type={quote.sourceType}
                  id={quote.sourceId}
                  label={t(`decisions.summary.quoteFrom.${quote.sourceType}`, { count: quote.weight })}
                />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
