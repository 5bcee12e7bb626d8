import { FormEvent, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { DECISION_BODY_MAX, DecisionAmendmentView, DecisionView, SummaryTopThread } from '@balai/contracts';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { Markdown } from '../../components/Markdown';
import { FormAlert } from '../../components/Status';
import { useForm } from '../../useForm';

/** A Markdown textarea with a "preview" switch showing exactly what will be published. */
function MarkdownEditor({
  label,
  value,
  onChange,
  errors,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  errors?: string[];
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  return (
    <div className="markdown-editor">
      <Field label={label} hint={t('decisions.form.bodyHint', { max: DECISION_BODY_MAX.toLocaleString() })} errors={errors}>
        {(props) => (
          <textarea {...props} rows={10} value={value} onChange={(e) => onChange(e.target.value)} maxLength={DECISION_BODY_MAX} />
        )}
      </Field>
      <button type="button" className="button button-secondary" aria-pressed={preview} onClick={() => setPreview((shown) => !shown)}>
        {t('decisions.form.preview')}
      </button>
      {preview && (
        <section className="markdown-preview panel" aria-label={t('decisions.form.previewOf', { label })}>
          {value.trim() ? <Markdown text={value} className="prose" /> : <p className="empty">{t('decisions.form.nothingYet')}</p>}
        </section>
      )}
    </div>
  );
}

/** The official writes and publishes the decision of a closed consultation, citing the threads it takes up. */
export function PublishDecisionForm({
  consultationId,
  threads,
  onPublished,
}: {
  consultationId: string;
  threads: SummaryTopThread[];
  onPublished(decision: DecisionView): void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState(t('decisions.form.template'));
  const [cited, setCited] = useState<string[]>([]);
  const form = useForm({ name: 'decision' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => {
      onPublished(
        await api('POST /consultations/:id/decision', { params: { id: consultationId }, body: { title, body, citedThreadIds: cited } }),
      );
    });
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="decision-form-heading">
      <h2 id="decision-form-heading">{t('decisions.form.heading')}</h2>
      <p className="field-hint">{t('decisions.form.once')}</p>
      <FormAlert message={form.error} />
      <Field label={t('decisions.form.title')} errors={form.fieldErrors.title}>
        {(props) => <input {...props} type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <MarkdownEditor label={t('decisions.form.body')} value={body} onChange={setBody} errors={form.fieldErrors.body} />
      {threads.length > 0 && (
        <fieldset className="decision-cited">
          <legend>{t('decisions.form.cite')}</legend>
          {threads.map((thread) => (
            <label key={thread.id} className="checkbox">
              <input
                type="checkbox"
                checked={cited.includes(thread.id)}
                onChange={(e) => setCited((ids) => (e.target.checked ? [...ids, thread.id] : ids.filter((id) => id !== thread.id)))}
              />{' '}
              {thread.title}
            </label>
          ))}
        </fieldset>
      )}
      <div>
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t('decisions.form.publishing') : t('decisions.form.publish')}
        </button>
      </div>
    </form>
  );
}

/** An amendment: appended to the decision, which itself is never edited. */
export function AmendDecisionForm({ decisionId, onAmended }: { decisionId: string; onAmended(amendment: DecisionAmendmentView): void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const form = useForm({ name: 'decision' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    void form.submit(async () => {
      const amendment = await api('POST /decisions/:id/amendments', { params: { id: decisionId }, body: { body } });
      setBody('');
      setDone(t('decisions.amend.done'));
      onAmended(amendment);
    });
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby={`amend-${decisionId}`}>
      <h2 id={`amend-${decisionId}`}>{t('decisions.amend.heading')}</h2>
      <p className="field-hint">{t('decisions.amend.hint')}</p>
      <FormAlert message={form.error} />
      <MarkdownEditor label={t('decisions.amend.body')} value={body} onChange={setBody} errors={form.fieldErrors.body} />
      <div>
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t('decisions.form.publishing') : t('decisions.amend.submit')}
        </button>
      </div>
      <p role="status" className="form-aside">
        {done}
      </p>
    </form>
  );
}
