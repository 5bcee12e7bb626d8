import { useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import { Link } from 'react-router-dom';
import type { LiveSessionStatus, LiveSessionView } from '@balai/contracts';
import { api } from '../../../api';
import { FormAlert } from '../../../components/Status';
import { useForm } from '../../../useForm';
import type { LiveConnection } from './room';

const ORDER: LiveSessionStatus[] = ['scheduled', 'live', 'ended'];

/** The later of two states of a session: the HTTP answer may come before or after the room's event. */
export function laterStatus(a: LiveSessionStatus, b: LiveSessionStatus | undefined): LiveSessionStatus {
  return b && ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
}

/**
 * The session's title, join code, state, people connected and the connection, with Start and End
 * (End asks once more: it stops every question, upvote and ballot).
 */
export function SessionBar({
  session,
  status,
  connection,
  onStatus,
}: {
  session: LiveSessionView;
  status: LiveSessionStatus;
  connection: LiveConnection;
  onStatus(status: LiveSessionStatus): void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [confirming, setConfirming] = useState(false);

  const start = () =>
    void form.submit(async () => {
      onStatus((await api('POST /live-sessions/:id/start', { params: { id: session.id } })).status);
    });
  const end = () =>
    void form.submit(async () => {
      onStatus((await api('POST /live-sessions/:id/end', { params: { id: session.id } })).status);
      setConfirming(false);
    });

  return (
    <header className="console-bar">
      <div className="console-bar-title">
        <p className="console-eyebrow">{t('console.eyebrow')}</p>
        <h1>{session.title}</h1>
        <dl className="console-facts">
          <div>
            <dt>{t('console.code')}</dt>
            <dd className="console-code">{session.code}</dd>
          </div>
          <div>
            <dt>{t('console.status')}</dt>
            <dd>
              <span className={`badge console-status console-status-${status}`}>{t(`console.sessionStatus.${status}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('console.participants')}</dt>
            <dd className="console-participants">{session.participants ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('console.connection')}</dt>
            <dd>
              <span role="status" className={`console-connection console-connection-${connection}`}>
                {t(`console.connectionState.${connection}`)}
              </span>
            </dd>
          </div>
        </dl>
      </div>
      <div className="console-bar-actions">
        <Link className="button button-secondary" to={`/live/${session.code}/screen`} target="_blank" rel="noopener">
          {t('console.openScreen')}
        </Link>
        {status === 'scheduled' && (
          <button type="button" className="button" disabled={form.busy} onClick={start}>
            {t('console.start')}
          </button>
        )}
        {status === 'live' &&
          (confirming ? (
            <span className="console-confirm" role="group" aria-label={t('console.endConfirm')}>
              <span>{t('console.endConfirm')}</span>
              <button type="button" className="button console-danger" disabled={form.busy} onClick={end}>
                {t('console.endYes')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t('console.endNo')}
              </button>
            </span>
          ) : (
            <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
              {t('console.end')}
            </button>
          ))}
        <FormAlert message={form.error} />
      </div>
    </header>
  );
}
