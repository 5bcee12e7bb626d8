import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link } from 'react-router-dom';
import { ChainVerdict, logFileText, TransparencyLogEntry } from '@balai/contracts';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate } from '../../format';
import { useTitle } from '../../useTitle';
import { Progress, readAndVerify } from './verify';
import './transparency.css';

const PAGE_SIZE = 20;
const KNOWN_TYPES = ['consultation.closed', 'decision.published', 'decision.amended', 'moderation.action'];

type Broken = Extract<ChainVerdict, { ok: false }>;

/** Where an entry's subject can be read on Balai, when it is a public page. */
function subjectLink(entry: TransparencyLogEntry): string | null {
  if (entry.type === 'consultation.closed') return `/consultations/${entry.subjectId}`;
  if (entry.type === 'decision.published' || entry.type === 'decision.amended') {
    const decisionId = typeof entry.payload.decisionId === 'string' ? entry.payload.decisionId : entry.subjectId;
    return `/decisions/${decisionId}`;
  }
  return null;
}

function Hash({ value }: { value: string }) {
  return (
    <code className="hash" translate="no">
      {value}
    </code>
  );
}

function EntryCard({ entry, broken }: { entry: TransparencyLogEntry; broken: Broken | null }) {
  const { t } = useTranslation();
  const isBroken = broken?.seq === entry.seq;
  const link = subjectLink(entry);
  const headingId = `entry-${entry.seq}-heading`;
  return (
    <li
      id={`entry-${entry.seq}`}
      className={`card log-entry${isBroken ? ' log-entry-broken' : ''}`}
      tabIndex={-1}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} className="card-title">
        {t('transparency.entry', { seq: entry.seq })}:{' '}
        {KNOWN_TYPES.includes(entry.type) ? t(`transparency.type.${entry.type}`) : entry.type}
      </h3>
      {isBroken && <p className="log-entry-flag">{t('transparency.brokenHere')}</p>}
      <dl className="log-fields">
        <dt>{t('transparency.field.time')}</dt>
        <dd>
          <time dateTime={entry.createdAt}>{formatDate(entry.createdAt, true)}</time>
        </dd>
        <dt>{t('transparency.field.subject')}</dt>
        <dd>
          {link ? (
            <Link to={link} translate="no">
              {entry.subjectId}
            </Link>
          ) : (
            <code translate="no">{entry.subjectId}</code>
          )}
        </dd>
        <dt>{t('transparency.field.payload')}</dt>
        <dd>
          <code className="payload" translate="no">
            {JSON.stringify(entry.payload)}
          </code>
        </dd>
      </dl>
      <details className="log-hashes" open={isBroken}>
        <summary>
          {t('transparency.field.hash')}:{' '}
          <code className="hash" translate="no">
            {entry.hash.slice(0, 12)}…
          </code>
        </summary>
        <dl className="log-fields">
          <dt>{t('transparency.field.hash')}</dt>
          <dd>
            <Hash value={entry.hash} />
          </dd>
          <dt>{t('transparency.field.prevHash')}</dt>
          <dd>
            <Hash value={entry.prevHash} />
          </dd>
        </dl>
      </details>
    </li>
  );
}

function Verdict({ verdict, progress, onShow }: { verdict: ChainVerdict | null; progress: Progress; onShow(seq: number): void }) {
  const { t } = useTranslation();
  if (verdict === null) {
    return (
      <div className="notice" role="status">
        <p>{t('transparency.cannotVerify')}</p>
      </div>
    );
  }
  if (verdict.ok) {
    return (
      <div className="notice log-verdict log-verdict-ok" role="status">
        <p className="log-verdict-title">
          <span aria-hidden="true">✓ </span>
          {verdict.count === 0 ? t('transparency.okEmpty') : t('transparency.ok', { count: verdict.count })}
        </p>
        {verdict.count > 0 && (
          <p>
            {t('transparency.headIs', { seq: verdict.head.seq })} <Hash value={verdict.head.hash} />
          </p>
        )}
      </div>
    );
  }
  const shown = progress.entries.some((entry) => entry.seq === verdict.seq);
  return (
    <div className="notice notice-error log-verdict" role="alert">
      <p className="log-verdict-title">
        <span aria-hidden="true">✗ </span>
        {t('transparency.broken', { seq: verdict.seq })}
      </p>
      <p>{t(`transparency.problem.${verdict.problem}`, { seq: verdict.seq, previous: verdict.seq - 1, total: progress.head.seq })}</p>
      <p>{t('transparency.verifiedBefore', { count: verdict.verified })}</p>
      {shown && (
        <button type="button" className="button button-secondary" onClick={() => onShow(verdict.seq)}>
          {t('transparency.showEntry', { seq: verdict.seq })}
        </button>
      )}
    </div>
  );
}

export function TransparencyPage() {
  const { t } = useTranslation();
  useTitle(t('transparency.title'));
  const [progress, setProgress] = useState<Progress | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  /** 0: the newest PAGE_SIZE entries. */
  const [pageIndex, setPageIndex] = useState(0);
  const focusSeq = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    setVerdict(undefined);
    readAndVerify(
      (next) => !cancelled && setProgress(next),
      () => cancelled,
    )
      .then((result) => {
        if (cancelled) return;
        setProgress(result.progress);
        setVerdict(result.verdict);
      })
      .catch((failure: unknown) => !cancelled && setError(failure));
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    if (focusSeq.current === null) return;
    const target = document.getElementById(`entry-${focusSeq.current}`);
    focusSeq.current = null;
    target?.focus();
    target?.scrollIntoView({ block: 'start' });
  });

  const entries = progress?.entries ?? [];
  const newestFirst = [...entries].reverse();
  const pages = Math.max(1, Math.ceil(newestFirst.length / PAGE_SIZE));
  const shown = newestFirst.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE);
  const broken = verdict && !verdict.ok ? verdict : null;

  const showEntry = (seq: number) => {
    const index = newestFirst.findIndex((entry) => entry.seq === seq);
    if (index < 0) return;
    focusSeq.current = seq;
    setPageIndex(Math.floor(index / PAGE_SIZE));
  };

  const download = () => {
    if (!progress || !verdict?.ok) return;
    const text = logFileText(
      { head: verdict.head, source: `${window.location.origin}/api/v1`, savedAt: new Date().toISOString() },
      progress.entries,
    );
    const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `balai-transparency-log-${verdict.head.seq}.jsonl`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <article className="transparency" aria-labelledby="transparency-heading">
      <h1 id="transparency-heading">{t('transparency.title')}</h1>
      <p className="lead">{t('transparency.lead')}</p>

      <section aria-labelledby="check-heading" className="panel">
        <h2 id="check-heading">{t('transparency.checkHeading')}</h2>
        {error ? (
          <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : verdict === undefined || !progress ? (
          <p className="loading" role="status">
            {progress ? t('transparency.checking', { checked: progress.checked, total: progress.head.seq }) : t('transparency.starting')}
          </p>
        ) : (
          <Verdict verdict={verdict} progress={progress} onShow={showEntry} />
        )}
        <h3>{t('transparency.provesHeading')}</h3>
        <p>{t('transparency.proves')}</p>
        <h3>{t('transparency.notProvesHeading')}</h3>
        <p>{t('transparency.notProves')}</p>
        {verdict?.ok && verdict.count > 0 && (
          <p>
            <button type="button" className="button button-secondary" onClick={download}>
              {t('transparency.download')}
            </button>{' '}
            <span className="form-aside">{t('transparency.downloadHint')}</span>
          </p>
        )}
      </section>

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t('transparency.entriesHeading')}</h2>
        {!progress && !error ? (
          <Loading />
        ) : entries.length === 0 ? (
          <p className="empty">{t('transparency.empty')}</p>
        ) : (
          <>
            <p className="meta" aria-live="polite">
              {t('transparency.range', {
                from: shown[0]?.seq,
                to: shown[shown.length - 1]?.seq,
                total: entries.length,
              })}
            </p>
            <ol className="cards log-entries" reversed aria-labelledby="entries-heading">
              {shown.map((entry) => (
                <EntryCard key={entry.seq} entry={entry} broken={broken} />
              ))}
            </ol>
            {pages > 1 && (
              <nav className="log-pager" aria-label={t('transparency.pager')}>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={pageIndex === 0}
                  onClick={() => setPageIndex((n) => n - 1)}
                >
                  {t('transparency.newer')}
                </button>
                <span>{t('transparency.pageOf', { page: pageIndex + 1, pages })}</span>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={pageIndex >= pages - 1}
                  onClick={() => setPageIndex((n) => n + 1)}
                >
                  {t('transparency.older')}
                </button>
              </nav>
            )}
          </>
        )}
      </section>
    </article>
  );
}
