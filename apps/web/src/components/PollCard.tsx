import { FormEvent, useState } from 'react';
import { useTranslation } from '../i18n/translator';
import { Link, useLocation } from 'react-router-dom';
import { hasRole, PollView } from '@balai/contracts';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { formatDate } from '../format';
import { useForm } from '../useForm';
import { PollResultBars } from './PollResultBars';
import { FormAlert } from './Status';

/**
 * A poll: its question and options, a ballot form (radio buttons, or checkboxes on a
 * multiple-choice poll) for a signed-in participant while it is open, and the results when the
 * server includes them. After a vote the poll is read again, so the new counts show.
 */
export function PollCard({ poll, acceptsInput, onChange }: { poll: PollView; acceptsInput: boolean; onChange(poll: PollView): void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const location = useLocation();
  const [chosen, setChosen] = useState<string[]>(poll.myBallot?.optionIds ?? []);
  const [saved, setSaved] = useState(false);
  const reload = () => api('GET /polls/:id', { params: { id: poll.id } }).then(onChange);
  const form = useForm({
    describe: (failure) => (failure.code === 'poll_closed' ? t('poll.closedNow') : undefined),
    // Closed meanwhile: show it closed, with its results.
    onError: (failure) => {
      if (failure instanceof ApiError && failure.code === 'poll_closed') reload().catch(() => undefined);
    },
  });
  // Its consultation takes input (open, before its closing time) and the poll itself is open.
  const open = acceptsInput && poll.status === 'open';
  // Guests vote only in polls of a live session; the web app's accounts are citizens and up.
  const canVote = open && !!user && hasRole(user.role, poll.liveSessionId === null ? 'citizen' : 'guest');
  const questionId = `poll-${poll.id}-question`;

  const toggle = (optionId: string, checked: boolean) => {
    setSaved(false);
    setChosen((current) => (poll.multiple ? (checked ? [...current, optionId] : current.filter((id) => id !== optionId)) : [optionId]));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (chosen.length === 0) return form.fail(t('poll.nothingChosen'));
    void form.submit(async () => {
      await api('PUT /polls/:id/ballot', {
        params: { id: poll.id },
        body: { optionIds: poll.options.map((o) => o.id).filter((id) => chosen.includes(id)) },
      });
      setSaved(true);
      await reload();
    });
  };

  return (
    <li className="card poll">
      <article aria-labelledby={questionId}>
        <p className="meta">
          <span className="badge badge-status">{t(open ? 'status.open' : 'status.closed')}</span>
          {open && poll.closesAt && <span>{t('poll.closesAt', { date: formatDate(poll.closesAt, true) })}</span>}
        </p>
        <h3 id={questionId} className="card-title">
          {poll.question}
        </h3>
        {canVote ? (
          <form className="poll-form" onSubmit={submit} noValidate>
            <fieldset aria-labelledby={questionId} aria-describedby={`${questionId}-hint`}>
              <p id={`${questionId}-hint`} className="field-hint">
                {poll.multiple ? t('poll.chooseMany') : t('poll.chooseOne')}
              </p>
              {poll.options.map((option) => (
                <label key={option.id} className="poll-choice">
                  <input
                    type={poll.multiple ? 'checkbox' : 'radio'}
                    name={`poll-${poll.id}`}
                    value={option.id}
                    checked={chosen.includes(option.id)}
                    onChange={(e) => toggle(option.id, e.target.checked)}
                  />
                  <span>{option.label}</span>
                </label>
              ))}
            </fieldset>
            <div>
              <button type="submit" className="button" disabled={form.busy}>
                {form.busy ? t('poll.voting') : poll.myBallot ? t('poll.changeVote') : t('poll.vote')}
              </button>
            </div>
          </form>
        ) : (
          !poll.results && (
            <ul className="poll-options">
              {poll.options.map((option) => (
                <li key={option.id}>{option.label}</li>
              ))}
            </ul>
          )
        )}
        <p role="status" className="form-aside">
          {saved ? t('poll.saved') : null}
        </p>
        <FormAlert message={form.error} />
        {poll.results ? <PollResultBars poll={poll} results={poll.results} /> : <p className="meta">{t('poll.resultsAfterClose')}</p>}
        {open && user === null && (
          <p>
            <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('poll.signInToVote')}</Link>
          </p>
        )}
      </article>
    </li>
  );
}
