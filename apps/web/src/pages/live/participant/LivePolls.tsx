import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LivePollView, PollResults } from '@balai/contracts';
import type { LiveRoom } from '../../../live/useLiveRoom';
import { ackErrorText } from './ackErrors';

/** Each option's votes as a share of the ballots, as text and as a bar (the text is what a screen reader reads). */
function ResultBars({ poll, results }: { poll: LivePollView; results: PollResults }) {
  const { t } = useTranslation();
  const votes = new Map(results.options.map((option) => [option.id, option.votes]));
  const mine = new Set(poll.myBallot?.optionIds ?? []);
  return (
    <div className="poll-results">
      <h3 className="live-poll-results-title">{t('poll.results')}</h3>
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

/**
 * A live poll: one tap on an option votes (single choice); on a multiple-choice poll the taps
 * choose and a button sends. The own ballot is marked (`aria-pressed`); results when visible.
 */
function LivePoll({ poll, room, disabled }: { poll: LivePollView; room: LiveRoom; disabled: boolean }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(poll.myBallot?.optionIds ?? []);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const open = poll.status === 'open' && !disabled;
  const ballot = new Set(poll.myBallot?.optionIds ?? []);
  const headingId = `poll-${poll.id}`;

  const send = async (optionIds: string[]) => {
    setBusy(true);
    setMessage(null);
    const response = await room.vote(poll.id, optionIds);
    setBusy(false);
    setMessage(response.ok ? { error: false, text: t('live.pollVoted') } : { error: true, text: ackErrorText(response.error.code, t) });
  };

  const tap = (optionId: string) => {
    if (busy) return;
    if (!poll.multiple) {
      setChosen([optionId]);
      void send([optionId]);
    } else {
      setMessage(null);
      setChosen((current) => (current.includes(optionId) ? current.filter((id) => id !== optionId) : [...current, optionId]));
    }
  };

  return (
    <article className="panel live-poll" aria-labelledby={headingId}>
      <p className="meta">
        <span className="badge badge-status">{t(poll.status === 'open' ? 'status.open' : 'status.closed')}</span>
      </p>
      <h3 id={headingId} className="card-title">
        {poll.question}
      </h3>
      {open && (
        <>
          <p className="field-hint" id={`${headingId}-hint`}>
            {poll.multiple ? t('poll.chooseMany') : t('poll.chooseOne')}
          </p>
          <div className="live-poll-options" role="group" aria-labelledby={headingId} aria-describedby={`${headingId}-hint`}>
            {poll.options.map((option) => {
              const pressed = poll.multiple ? chosen.includes(option.id) : ballot.has(option.id);
              return (
                <button
                  key={option.id}
                  type="button"
                  className="live-poll-option"
                  aria-pressed={pressed}
                  disabled={busy}
                  onClick={() => tap(option.id)}
                >
                  <span className="live-poll-mark" aria-hidden="true">
                    {pressed ? '✓' : ''}
                  </span>
                  <span>{option.label}</span>
                </button>
              );
            })}
          </div>
          {poll.multiple && (
            <button
              type="button"
              className="button live-wide-button"
              disabled={busy || chosen.length === 0}
              onClick={() => void send(poll.options.map((o) => o.id).filter((id) => chosen.includes(id)))}
            >
              {busy ? t('poll.voting') : t('live.pollSend')}
            </button>
          )}
        </>
      )}
      {message?.error ? (
        <p className="notice notice-error" role="alert">
          {message.text}
        </p>
      ) : (
        <p role="status" className="form-aside">
          {message?.text}
        </p>
      )}
      {poll.status === 'closed' && <p className="meta">{t('poll.closedNow')}</p>}
      {poll.results ? <ResultBars poll={poll} results={poll.results} /> : <p className="meta">{t('poll.resultsAfterClose')}</p>}
    </article>
  );
}

export function LivePolls({ room, disabled }: { room: LiveRoom; disabled: boolean }) {
  const { t } = useTranslation();
  if (room.polls.length === 0) return null;
  // Open polls first, newest first; closed ones keep their final results below.
  const polls = room.polls
    .slice()
    .sort((a, b) => (a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'open' ? -1 : 1));
  return (
    <section className="live-polls" aria-labelledby="live-polls-heading">
      <h2 id="live-polls-heading">{t('live.polls')}</h2>
      {polls.map((poll) => (
        <LivePoll key={poll.id} poll={poll} room={room} disabled={disabled} />
      ))}
    </section>
  );
}
