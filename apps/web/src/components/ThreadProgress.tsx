import { FormEvent, useState } from 'react';
import { useTranslation } from '../i18n/translator';
import { hasRole, ProgressState, ThreadView } from '@balai/contracts';
import { api } from '../api';
import { useAuth } from '../auth';
import { formatDate, personName } from '../format';
import { useFetched } from '../useFetched';
import { useForm } from '../useForm';
import { Field } from './Field';
import { FormAlert } from './Status';

/** The steps the server allows from each state (the same rules as libs/forum/src/progress-rules.ts). */
const NEXT: Record<ProgressState, ProgressState[]> = {
  received: ['under_review', 'not_taken_up'],
  under_review: ['accepted', 'not_taken_up'],
  accepted: ['done'],
  not_taken_up: [],
  done: [],
};

/** A list's small badge: where an idea or a complaint stands. */
export function ProgressBadge({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  if (!thread.progress) return null;
  return (
    <span className={`badge badge-progress badge-progress-${thread.progress.state}`}>
      {t(`notifications.progress.state.${thread.progress.state}`)}
    </span>
  );
}

/** On the thread page: the state, its public history, and (officials) the next step. */
export function ThreadProgress({ thread, onChange }: { thread: ThreadView; onChange(thread: ThreadView): void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { data: history, setData: setHistory } = useFetched('GET /threads/:id/progress', { params: { id: thread.id } });
  const progress = thread.progress;
  const next = progress ? NEXT[progress.state] : [];
  const [state, setState] = useState<ProgressState | ''>('');
  const [note, setNote] = useState('');
  const form = useForm({ name: 'progress' });
  if (!progress) return null;
  const chosen = state && next.includes(state) ? state : (next[0] ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    void form.submit(async () => {
      const updated = await api('PUT /threads/:id/progress', {
        params: { id: thread.id },
        body: { state: chosen, ...(note.trim() ? { note } : {}) },
      });
      setNote('');
      setState('');
      onChange(updated);
      setHistory(() => [
        ...(history ?? []),
        {
          state: chosen,
          note: note.trim() || null,
          by: { displayName: user?.displayName ?? '' },
          at: updated.progress?.changedAt ?? new Date().toISOString(),
        },
      ]);
    });
  };

  return (
    <section className="panel progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('notifications.progress.heading')}</h2>
      <p>
        <strong>{t('notifications.progress.current', { state: t(`notifications.progress.state.${progress.state}`) })}</strong>{' '}
        <span className="meta">{t('notifications.progress.since', { date: formatDate(progress.changedAt, true) })}</span>
      </p>
      {progress.note && <p>{progress.note}</p>}
      <h3>{t('notifications.progress.history')}</h3>
      {history && history.length > 0 ? (
        <ol className="progress-history">
          {history.map((change, index) => (
            <li key={`${change.at}-${index}`}>
              <strong>{t(`notifications.progress.state.${change.state}`)}</strong> ·{' '}
              <time dateTime={change.at}>{formatDate(change.at, true)}</time> ·{' '}
              {t('notifications.progress.by', { name: personName(change.by.displayName, t) })}
              {change.note && <p>{change.note}</p>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t('notifications.progress.noHistory')}</p>
      )}
      {user &&
        hasRole(user.role, 'official') &&
        (next.length === 0 ? (
          <p className="notice">{t('notifications.progress.final')}</p>
        ) : (
          <form className="form" onSubmit={submit} noValidate aria-labelledby="progress-change-heading">
            <h3 id="progress-change-heading">{t('notifications.progress.change')}</h3>
            <FormAlert message={form.error} />
            <Field label={t('notifications.progress.newState')} errors={form.fieldErrors.state}>
              {(props) => (
                <select {...props} value={chosen} onChange={(event) => setState(event.target.value as ProgressState)}>
                  {next.map((value) => (
                    <option key={value} value={value}>
                      {t(`notifications.progress.state.${value}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('notifications.progress.note')} hint={t('notifications.progress.noteHint')} errors={form.fieldErrors.note}>
              {(props) => <textarea {...props} value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />}
            </Field>
            <div>
              <button type="submit" className="button" disabled={form.busy}>
                {t('notifications.progress.submit')}
              </button>
            </div>
          </form>
        ))}
    </section>
  );
}
