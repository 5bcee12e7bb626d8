import { memo, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LivePollView } from '@balai/contracts';
import type { LiveRoom } from '../../../live/useLiveRoom';
import { PollResultBars } from '../../../components/PollResultBars';
import { ackErrorText } from './ackErrors';

/**
 * A live poll: one tap on an option votes (single choice); on a multiple-choice poll the taps
 * choose and a button sends. The own ballot is marked (`aria-pressed`); results when visible.
 */
function LivePoll({ poll, vote, disabled }: { poll: LivePollView; vote: LiveRoom['vote']; disabled: boolean }) {
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
    const response = await vote(poll.id, optionIds);
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
      {poll.results ? (
        <PollResultBars poll={poll} results={poll.results} heading="h3" headingClassName="live-poll-results-title" />
      ) : (
        <p className="meta">{t('poll.resultsAfterClose')}</p>
      )}
    </article>
  );
}

interface LivePollsProps {
  polls: readonly LivePollView[];
  vote: LiveRoom['vote'];
  disabled: boolean;
}

/** The session's polls; count batches of questions pass them by. */
export const LivePolls = memo(function LivePolls({ polls: all, vote, disabled }: LivePollsProps) {
  const { t } = useTranslation();
  if (all.length === 0) return null;
  // Open polls first, newest first; closed ones keep their final results below.
  const polls = all.slice().sort((a, b) => (a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'open' ? -1 : 1));
  return (
    <section className="live-polls" aria-labelledby="live-polls-heading">
      <h2 id="live-polls-heading">{t('live.polls')}</h2>
      {polls.map((poll) => (
        <LivePoll key={poll.id} poll={poll} vote={vote} disabled={disabled} />
      ))}
    </section>
  );
});
