import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link } from 'react-router-dom';
import { ConsultationView, hasRole } from '@balai/contracts';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { ErrorState, FormAlert, Loading } from '../../components/Status';
import { useFetched } from '../../useFetched';
import { useForm } from '../../useForm';
import { AmendDecisionForm, PublishDecisionForm } from './DecisionForms';
import { SummaryPanel } from './SummaryPanel';
import './decisions.css';

/** An official closes the consultation, after a confirmation that says what closing stops. */
function CloseConsultation({ consultation, onClosed }: { consultation: ConsultationView; onClosed(consultation: ConsultationView): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useForm();

  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);

  if (!confirming)
    return (
      <p className="panel">
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t('decisions.close.open')}
        </button>
      </p>
    );
  return (
    <section className="panel decision-confirm" aria-labelledby="close-confirm-heading">
      <h2 id="close-confirm-heading" ref={heading} tabIndex={-1}>
        {t('decisions.close.heading', { title: consultation.title })}
      </h2>
      <p>{t('decisions.close.stops')}</p>
      <p>{t('decisions.close.summary')}</p>
      <p>
        <strong>{t('decisions.close.final')}</strong>
      </p>
      <FormAlert message={form.error} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={form.busy}
          onClick={() =>
            void form.submit(async () =>
              onClosed((await api('POST /consultations/:id/close', { params: { id: consultation.id } })).consultation),
            )
          }
        >
          {form.busy ? t('decisions.close.closing') : t('decisions.close.confirm')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
          {t('decisions.close.cancel')}
        </button>
      </div>
    </section>
  );
}

/** The decided consultation's decision, in short, with the way to its page (and, for officials, to amend it). */
function DecidedNote({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { data: decision, error, retry } = useFetched('GET /consultations/:id/decision', { params: { id: consultationId } });
  const [amended, setAmended] = useState(0);
  if (error) return <ErrorState error={error} onRetry={retry} />;
  if (!decision) return <Loading />;
  return (
    <>
      <section className="panel decision-note" aria-labelledby="decision-note-heading">
        <h2 id="decision-note-heading">{t('decisions.note.heading')}</h2>
        <p className="decision-note-title">{decision.title}</p>
        <p className="meta">{t('decisions.amendmentCount', { count: decision.amendments.length + amended })}</p>
        <Link className="button" to={`/decisions/${decision.id}`}>
          {t('decisions.note.read')}
        </Link>
      </section>
      {user && hasRole(user.role, 'official') && <AmendDecisionForm decisionId={decision.id} onAmended={() => setAmended((n) => n + 1)} />}
    </>
  );
}

/**
 * The consultation page's closing part: an official closes an open consultation; a closed one shows
 * its summary (and, to officials, the decision form); a decided one its decision.
 */
export function ConsultationDecision({
  consultation,
  onChanged,
}: {
  consultation: ConsultationView;
  onChanged(consultation: ConsultationView): void;
}) {
  const { user } = useAuth();
  const official = user ? hasRole(user.role, 'official') : false;
  const closed = consultation.status === 'closed' || consultation.status === 'decided';
  const {
    data: summary,
    error,
    retry,
  } = useFetched('GET /consultations/:id/summary', closed ? { params: { id: consultation.id } } : null, consultation.status);

  if (consultation.status === 'open') return official ? <CloseConsultation consultation={consultation} onClosed={onChanged} /> : null;
  if (!closed) return null;
  return (
    <div className="decision-area">
      {consultation.status === 'decided' && <DecidedNote consultationId={consultation.id} />}
      {error ? (
        <ErrorState error={error} onRetry={retry} />
      ) : !summary || summary.consultationId !== consultation.id ? (
        <Loading />
      ) : (
        <SummaryPanel summary={summary} />
      )}
      {consultation.status === 'closed' && official && summary && (
        <PublishDecisionForm
          consultationId={consultation.id}
          threads={summary.topThreads}
          onPublished={() => onChanged({ ...consultation, status: 'decided' })}
        />
      )}
    </div>
  );
}
