import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { Link, Navigate, useParams } from 'react-router-dom';
import type { LiveSessionStatus } from '@balai/contracts';
import { ApiError } from '../../api';
import { Loading } from '../../components/Status';
import { useLiveIdentity } from '../../live/identity';
import { normalizeCode, useLiveRoom } from '../../live/useLiveRoom';
import { useFetched } from '../../useFetched';
import { useTitle } from '../../useTitle';
import { AskForm } from './participant/AskForm';
import { NamePrompt } from './participant/NamePrompt';
import { ConnectionBanner } from './participant/ConnectionBanner';
import { LivePolls } from './participant/LivePolls';
import { OwnQuestions } from './participant/OwnQuestions';
import { QuestionItem } from './participant/QuestionItem';
import { QuestionList } from './participant/QuestionList';
import { UpvoteCountsProvider } from './participant/UpvoteCounts';
import { useNewQuestionsAnnouncement } from './participant/useNewQuestionsAnnouncement';
import '../../live.css';

const STATUS_KEYS: Record<LiveSessionStatus, string> = {
  scheduled: 'live.statusScheduled',
  live: 'live.statusLive',
  ended: 'live.statusEnded',
};

function NotFound({ code }: { code: string }) {
  const { t } = useTranslation();
  useTitle(t('live.notFoundTitle'));
  return (
    <section className="page page-narrow">
      <h1>{t('live.notFoundTitle')}</h1>
      <p className="notice notice-error" role="alert">
        {t('live.codeNotFound', { code })}
      </p>
      <p>
        <Link className="button live-wide-button" to="/live">
          {t('live.otherCode')}
        </Link>
      </p>
    </section>
  );
}

/**
 * `/live/:code`: a phone in the hall. A guest names themself once; then the session live: ask,
 * upvote, vote in polls, see the question on screen, with a banner while the connection is down.
 */
export function ParticipantPage() {
  const { code: raw = '' } = useParams();
  const code = normalizeCode(raw);
  if (code !== raw) return <Navigate to={`/live/${code}`} replace />;
  return <Participant key={code} code={code} />;
}

function Participant({ code }: { code: string }) {
  const { t } = useTranslation();
  const identity = useLiveIdentity();
  // Read over HTTP first: the title for the name prompt, and a wrong code said before anyone names themself.
  const preview = useFetched('GET /live-sessions/by-code/:code', { params: { code } });
  const room = useLiveRoom(code, identity.identity);
  const session = room.session ?? preview.data;
  const [voteNotice, setVoteNotice] = useState<string | null>(null);
  const ended = session?.status === 'ended';
  const joined = room.session !== null;
  const announcement = useNewQuestionsAnnouncement(room.questions, joined);
  const [announced, setAnnounced] = useState('');
  useTitle(session?.title ?? t('live.session'));

  useEffect(() => {
    if (announcement.count === 0) return;
    setAnnounced(t('live.newQuestions', { count: announcement.count }));
    const timer = window.setTimeout(() => setAnnounced(''), 5_000);
    return () => window.clearTimeout(timer);
  }, [announcement, t]);

  useEffect(() => {
    if (!voteNotice) return;
    const timer = window.setTimeout(() => setVoteNotice(null), 6_000);
    return () => window.clearTimeout(timer);
  }, [voteNotice]);

  const { toggleUpvote } = room;
  const upvote = useCallback(
    (questionId: string) => {
      void toggleUpvote(questionId).then((response) => {
        if (response.ok || response.error.code === 'conflict') {
          // conflict: the session ended or the question left meanwhile; the room's events say so.
          if (!response.ok) setVoteNotice(t('live.closed'));
          return;
        }
        setVoteNotice(response.error.code === 'rate_limited' ? t('live.voteRateLimited') : t('live.voteFailed'));
      });
    },
    [toggleUpvote, t],
  );

  const notFound = room.joinError === 'not_found' || (preview.error instanceof ApiError && preview.error.status === 404);
  if (notFound) return <NotFound code={code} />;

  return (
    <section className="page page-narrow live-page">
      <header className="live-head">
        <p className="live-kicker">
          {t('live.session')} · <span className="live-code">{code}</span>
        </p>
        <h1>{session?.title ?? t('live.session')}</h1>
        {session && (
          <p className="meta">
            <span className={`badge live-status live-status-${session.status}`}>{t(STATUS_KEYS[session.status])}</span>
            {room.session?.participants !== undefined && <span>{t('live.participants', { count: room.session.participants })}</span>}
            {identity.identity && <span>{t('live.joinedAs', { name: identity.identity.displayName })}</span>}
          </p>
        )}
      </header>

      {identity.status === 'loading' ? (
        <Loading />
      ) : identity.status === 'needsName' ? (
        <NamePrompt code={code} savedName={identity.savedName} onChoose={identity.chooseName} />
      ) : (
        <UpvoteCountsProvider questions={room.questions} onScreen={room.onScreen}>
          <ConnectionBanner connection={room.connection} />
          {room.joinError && room.joinError !== 'not_found' && (
            <p className="notice notice-error" role="alert">
              {t('live.joinFailed')}
            </p>
          )}
          {ended && (
            <p className="notice live-ended" role="status">
              {t('live.ended')}
            </p>
          )}
          {room.onScreen && (
            <section className="live-screen" aria-label={t('live.onScreen')}>
              <QuestionItem
                question={room.onScreen}
                upvoted={room.myUpvotes.has(room.onScreen.id)}
                pending={room.votesInFlight.has(room.onScreen.id)}
                disabled={ended || !joined}
                onUpvote={upvote}
                highlighted
              />
            </section>
          )}
          {/* A poll is open for a moment only: above the ask form. */}
          {joined && <LivePolls polls={room.polls} vote={room.vote} disabled={ended} />}
          {joined && <AskForm ask={room.ask} allowAnonymous={room.session?.allowAnonymous ?? false} disabled={ended} />}
          <OwnQuestions questions={room.pending} />
          <p className="live-vote-notice" role="status">
            {voteNotice}
          </p>
          {joined ? (
            <QuestionList
              questions={room.questions}
              myUpvotes={room.myUpvotes}
              votesInFlight={room.votesInFlight}
              disabled={ended}
              onUpvote={upvote}
            />
          ) : (
            !room.joinError && <Loading />
          )}
          <p className="visually-hidden" role="status" aria-live="polite">
            {announced}
          </p>
        </UpvoteCountsProvider>
      )}
    </section>
  );
}
