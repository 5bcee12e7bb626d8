import { FormEvent, useId, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { Ack, LiveQuestionView } from '@balai/contracts';
import { api } from '../../../api';
import { errorText } from '../../../components/Status';
import './moderation-tools.css';

const excerpt = (text: string) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);

/**
 * The console's two moderation tools: a question asked aloud or on a paper card, entered by the
 * moderator (approved at once, marked with its source), and merging a duplicate into another
 * question of the session (its upvoters count once on the target).
 */
export function ModerationTools({
  sessionId,
  questions,
  ended,
  onMerge,
}: {
  sessionId: string;
  /** The public questions of the session (approved and answered). */
  questions: LiveQuestionView[];
  ended: boolean;
  onMerge(questionId: string, intoQuestionId: string): Promise<Ack<{ question: LiveQuestionView }>>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [source, setSource] = useState<'hall' | 'card'>('hall');
  const [duplicate, setDuplicate] = useState('');
  const [into, setInto] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const addHall = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    try {
      await api('POST /live-sessions/:id/questions', { params: { id: sessionId }, body: { text: text.trim(), source } });
      setText('');
      setMessage({ text: t('moderation.console.hallAdded'), error: false });
    } catch (error: unknown) {
      setMessage({ text: errorText(error, t), error: true });
    } finally {
      setBusy(false);
    }
  };

  const merge = async (event: FormEvent) => {
    event.preventDefault();
    if (!duplicate || !into) return;
    if (duplicate === into) return setMessage({ text: t('moderation.console.mergeSame'), error: true });
    setBusy(true);
    const ack = await onMerge(duplicate, into);
    setBusy(false);
    if (ack.ok) {
      setDuplicate('');
      setMessage({ text: t('moderation.console.merged'), error: false });
    } else setMessage({ text: ack.error.message, error: true });
  };

  return (
    <section className="console-panel console-tools-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('moderation.console.title')}</h2>
      <div aria-live="polite">{message && <p className={message.error ? 'notice notice-error' : 'console-done'}>{message.text}</p>}</div>
      <form className="console-hall" onSubmit={(event) => void addHall(event)}>
        <h3>{t('moderation.console.hallTitle')}</h3>
        <label htmlFor={`${id}-text`}>{t('moderation.console.hallText')}</label>
        <textarea id={`${id}-text`} value={text} maxLength={500} rows={2} onChange={(e) => setText(e.target.value)} />
        <label htmlFor={`${id}-source`}>{t('moderation.console.source')}</label>
        <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value as 'hall' | 'card')}>
          <option value="hall">{t('moderation.console.sourceHall')}</option>
          <option value="card">{t('moderation.console.sourceCard')}</option>
        </select>
        <button type="submit" className="button" disabled={busy || ended || !text.trim()}>
          {t('moderation.console.hallAdd')}
        </button>
      </form>
      <form className="console-merge" onSubmit={(event) => void merge(event)}>
        <h3>{t('moderation.console.mergeTitle')}</h3>
        <label htmlFor={`${id}-dup`}>{t('moderation.console.duplicate')}</label>
        <select id={`${id}-dup`} value={duplicate} onChange={(e) => setDuplicate(e.target.value)}>
          <option value="">{t('moderation.console.choose')}</option>
          {questions.map((q) => (
            <option key={q.id} value={q.id}>
              {excerpt(q.text)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-into`}>{t('moderation.console.into')}</label>
        <select id={`${id}-into`} value={into} onChange={(e) => setInto(e.target.value)}>
          <option value="">{t('moderation.console.choose')}</option>
          {questions
            .filter((q) => q.id !== duplicate)
            .map((q) => (
              <option key={q.id} value={q.id}>
                {excerpt(q.text)} ({t('moderation.console.upvotes', { count: q.upvotes })})
              </option>
            ))}
        </select>
        <button type="submit" className="button button-secondary" disabled={busy || ended || !duplicate || !into}>
          {t('moderation.console.merge')}
        </button>
      </form>
    </section>
  );
}
