import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LivePollView, PollResults, PollResultsVisibility } from '@balai/contracts';
import { api } from '../../../api';
import { Field } from '../../../components/Field';
import { PollChart } from '../../../components/PollChart';
import { FormAlert } from '../../../components/Status';
import { useForm } from '../../../useForm';

const MIN_OPTIONS = 2;
const MAX_OPTIONS = 20;

/** Creates a poll of the session: question, 2..20 options, single or multiple choice, results live or after close. */
function CreatePollForm({ sessionId, disabled }: { sessionId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [visibility, setVisibility] = useState<PollResultsVisibility>('live');
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm();
  const optionRefs = useRef<(HTMLInputElement | null)[]>([]);
  const groupId = useId();

  const setOption = (index: number, value: string) => setOptions((current) => current.map((o, i) => (i === index ? value : o)));
  const addOption = () => {
    setOptions((current) => [...current, '']);
    // Focus the new field once it is drawn.
    setTimeout(() => optionRefs.current[options.length]?.focus(), 0);
  };
  const removeOption = (index: number) => {
    setOptions((current) => current.filter((_, i) => i !== index));
    setTimeout(() => optionRefs.current[Math.max(0, index - 1)]?.focus(), 0);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const labels = options.map((o) => o.trim()).filter(Boolean);
    if (question.trim().length < 3) return form.fail(t('console.poll.questionTooShort'));
    if (labels.length < MIN_OPTIONS) return form.fail(t('console.poll.tooFewOptions'));
    if (new Set(labels.map((label) => label.toLocaleLowerCase())).size < labels.length)
      return form.fail(t('console.poll.duplicateOptions'));
    void form.submit(async () => {
      const poll = await api('POST /polls', {
        body: { question: question.trim(), options: labels, multiple, resultsVisibility: visibility, liveSessionId: sessionId },
      });
      setCreated(poll.question);
      setQuestion('');
      setOptions(['', '']);
      setMultiple(false);
      setVisibility('live');
    });
  };

  return (
    <form className="console-poll-form" onSubmit={submit} noValidate aria-labelledby={`${groupId}-title`}>
      <h3 id={`${groupId}-title`}>{t('console.poll.create')}</h3>
      <Field label={t('console.poll.question')} errors={form.fieldErrors.question}>
        {(props) => <input {...props} type="text" value={question} maxLength={300} onChange={(e) => setQuestion(e.target.value)} />}
      </Field>
      <fieldset className="console-poll-options">
        <legend>{t('console.poll.options')}</legend>
        <ol>
          {options.map((option, index) => (
            <li key={index}>
              <span className="console-poll-number" aria-hidden="true">
                {index + 1}.
              </span>
              <input
                ref={(element) => {
                  optionRefs.current[index] = element;
                }}
                type="text"
                value={option}
                maxLength={200}
                aria-label={t('console.poll.option', { number: index + 1 })}
                aria-invalid={form.fieldErrors[`options[${index}]`] ? true : undefined}
                onChange={(e) => setOption(index, e.target.value)}
              />
              {options.length > MIN_OPTIONS && (
                <button
                  type="button"
                  className="button button-secondary console-small"
                  aria-label={t('console.poll.removeOption', { number: index + 1 })}
                  onClick={() => removeOption(index)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ol>
        {form.fieldErrors.options && <p className="field-error">{form.fieldErrors.options.join(' ')}</p>}
        {options.length < MAX_OPTIONS && (
          <button type="button" className="button button-secondary console-small" onClick={addOption}>
            {t('console.poll.addOption')}
          </button>
        )}
      </fieldset>
      <fieldset className="console-poll-choices">
        <legend>{t('console.poll.kind')}</legend>
        <label>
          <input type="radio" name={`${groupId}-multiple`} checked={!multiple} onChange={() => setMultiple(false)} />
          {t('console.poll.single')}
        </label>
        <label>
          <input type="radio" name={`${groupId}-multiple`} checked={multiple} onChange={() => setMultiple(true)} />
          {t('console.poll.multiple')}
        </label>
      </fieldset>
      <fieldset className="console-poll-choices">
        <legend>{t('console.poll.visibility')}</legend>
        <label>
          <input type="radio" name={`${groupId}-visibility`} checked={visibility === 'live'} onChange={() => setVisibility('live')} />
          {t('console.poll.visibilityLive')}
        </label>
        <label>
          <input
            type="radio"
            name={`${groupId}-visibility`}
            checked={visibility === 'after_close'}
            onChange={() => setVisibility('after_close')}
          />
          {t('console.poll.visibilityAfterClose')}
        </label>
      </fieldset>
      <FormAlert message={form.error} />
      <p role="status" className="form-aside">
        {created ? t('console.poll.created', { question: created }) : null}
      </p>
      <button type="submit" className="button" disabled={form.busy || disabled}>
        {form.busy ? t('console.poll.creating') : t('console.poll.submit')}
      </button>
    </form>
  );
}

/** How often the console reads a hidden (`after_close`) poll's results, which the room does not broadcast. */
const HIDDEN_RESULTS_EVERY_MS = 5_000;

/** One poll of the session with its chart (live for `live` polls) and a Close button while open. */
function ConsolePoll({ poll }: { poll: LivePollView }) {
  const { t } = useTranslation();
  const form = useForm();
  const titleId = useId();
  const hidden = poll.status === 'open' && poll.resultsVisibility === 'after_close';
  const [read, setRead] = useState<PollResults | undefined>(undefined);
  useEffect(() => {
    if (!hidden) return;
    let cancelled = false;
    const load = () =>
      api('GET /polls/:id', { params: { id: poll.id } })
        .then((found) => !cancelled && setRead(found.results))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), HIDDEN_RESULTS_EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [hidden, poll.id]);
  const results = (hidden ? read : undefined) ?? poll.results;
  const close = () =>
    void form.submit(async () => {
      await api('POST /polls/:id/close', { params: { id: poll.id } });
    });
  const open = poll.status === 'open';
  return (
    <li className="console-poll">
      <article aria-labelledby={titleId}>
        <p className="meta">
          <span className="badge badge-status">{t(open ? 'console.poll.open' : 'console.poll.closed')}</span>
          <span>{t(poll.multiple ? 'console.poll.multiple' : 'console.poll.single')}</span>
          <span>{t(poll.resultsVisibility === 'live' ? 'console.poll.visibilityLive' : 'console.poll.visibilityAfterClose')}</span>
        </p>
        <h3 id={titleId} className="console-poll-question">
          {poll.question}
        </h3>
        {results ? <PollChart poll={poll} results={results} /> : <p className="meta">{t('console.poll.noResults')}</p>}
        {open && poll.resultsVisibility === 'after_close' && <p className="meta">{t('console.poll.afterCloseNote')}</p>}
        <FormAlert message={form.error} />
        {open && (
          <button type="button" className="button button-secondary" disabled={form.busy} aria-describedby={titleId} onClick={close}>
            {t('console.poll.close')}
          </button>
        )}
      </article>
    </li>
  );
}

/** The session's polls, newest first, and the form that opens one. */
export function PollsPanel({ polls, sessionId, ended }: { polls: LivePollView[]; sessionId: string; ended: boolean }) {
  const { t } = useTranslation();
  const newestFirst = [...polls].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="console-panel console-polls" aria-labelledby="console-polls-title">
      <h2 id="console-polls-title">{t('console.poll.title')}</h2>
      {newestFirst.length === 0 ? (
        <p className="meta">{t('console.poll.none')}</p>
      ) : (
        <ul className="console-poll-list">
          {newestFirst.map((poll) => (
            <ConsolePoll key={poll.id} poll={poll} />
          ))}
        </ul>
      )}
      {!ended && <CreatePollForm sessionId={sessionId} disabled={ended} />}
    </section>
  );
}
