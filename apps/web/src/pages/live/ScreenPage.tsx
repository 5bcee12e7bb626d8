import { personName } from '../../format';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { useParams } from 'react-router-dom';
import type { LivePollView, LiveQuestionView } from '@balai/contracts';
import { PollChart } from '../../components/PollChart';
import { useTitle } from '../../useTitle';
import { LiveIdentity, normalizeCode, useLiveIdentity, useLiveRoom } from './console/room';
import { JoinQr } from './screen/JoinQr';
import './live-screen.css';

const TOP_COUNT = 5;

/** Smaller type for a longer question, so the whole of it fits (500 characters at most). */
function sizeOf(text: string): 'short' | 'medium' | 'long' {
  return text.length > 240 ? 'long' : text.length > 120 ? 'medium' : 'short';
}

/** The poll to show: the newest open one. */
function currentPoll(polls: LivePollView[]): LivePollView | null {
  const open = polls.filter((poll) => poll.status === 'open');
  return open.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}

function JoinPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const address = `${window.location.host}/live`;
  const url = `${window.location.origin}/live/${code}`;
  return (
    <aside className="screen-join" aria-labelledby="screen-join-title">
      <h2 id="screen-join-title" className="screen-join-title">
        {t('screen.join.title')}
      </h2>
      <p className="screen-join-step">{t('screen.join.scan')}</p>
      <JoinQr url={url} label={t('screen.join.qr', { url })} />
      <p className="screen-join-step">{t('screen.join.orOpen')}</p>
      <p className="screen-join-address">{address}</p>
      <p className="screen-join-step">{t('screen.join.enterCode')}</p>
      <p className="screen-join-code">{code}</p>
    </aside>
  );
}

function OnScreen({ question, title }: { question: LiveQuestionView | null; title: string }) {
  const { t } = useTranslation();
  return (
    <section className="screen-on-screen" aria-labelledby="screen-on-screen-title">
      <h2 id="screen-on-screen-title" className="screen-label">
        {question ? t('screen.onScreen') : t('screen.welcome')}
      </h2>
      {question ? (
        <figure className="screen-question">
          <blockquote className={`screen-question-text screen-question-${sizeOf(question.text)}`}>
            <p>{question.text}</p>
          </blockquote>
          <figcaption className="screen-question-meta">
            <span>{question.author ? personName(question.author.displayName, t) : t('screen.anonymous')}</span>
            <span className="screen-upvotes">{t('screen.upvotes', { count: question.upvotes })}</span>
          </figcaption>
        </figure>
      ) : (
        <p className="screen-idle">{t('screen.idle', { title })}</p>
      )}
    </section>
  );
}

function TopQuestions({ questions }: { questions: LiveQuestionView[] }) {
  const { t } = useTranslation();
  return (
    <section className="screen-top" aria-labelledby="screen-top-title">
      <h2 id="screen-top-title" className="screen-label">
        {t('screen.top')}
      </h2>
      {questions.length === 0 ? (
        <p className="screen-empty">{t('screen.noQuestions')}</p>
      ) : (
        <ol className="screen-top-list">
          {questions.map((question) => (
            <li key={question.id} className="screen-top-item">
              <span className="screen-top-count" aria-hidden="true">
                {question.upvotes}
              </span>
              <span className="visually-hidden">{t('screen.upvotes', { count: question.upvotes })}</span>
              <span className="screen-top-text">{question.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ScreenPoll({ poll }: { poll: LivePollView }) {
  const { t } = useTranslation();
  return (
    <section className="screen-poll" aria-labelledby="screen-poll-title">
      <h2 className="screen-label">{t('screen.poll')}</h2>
      <p id="screen-poll-title" className="screen-poll-question">
        {poll.question}
      </p>
      {poll.results ? (
        <PollChart poll={poll} results={poll.results} size="screen" />
      ) : (
        <>
          <ol className="screen-poll-options">
            {poll.options.map((option) => (
              <li key={option.id}>{option.label}</li>
            ))}
          </ol>
          <p className="screen-empty">{t('screen.resultsAfterClose')}</p>
        </>
      )}
    </section>
  );
}

function Screen({ code, identity }: { code: string; identity: LiveIdentity }) {
  const { t } = useTranslation();
  const room = useLiveRoom(code, identity);
  const session = room.session;
  useTitle(session ? t('screen.pageTitle', { title: session.title }) : t('screen.heading'));
  const onScreenId = room.onScreen?.id;
  const top = useMemo(
    () =>
      room.questions
        .filter((q) => q.status === 'approved' && q.id !== onScreenId)
        .sort((a, b) => b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt))
        .slice(0, TOP_COUNT),
    [room.questions, onScreenId],
  );
  const poll = currentPoll(room.polls);

  if (room.joinError && !session) {
    return (
      <main id="main" className="screen-page screen-message">
        <h1>{t(room.joinError === 'not_found' ? 'screen.notFound' : 'screen.unavailable')}</h1>
      </main>
    );
  }

  return (
    <main id="main" className={['screen-page', poll ? 'has-poll' : '', room.onScreen ? 'has-on-screen' : ''].filter(Boolean).join(' ')}>
      <JoinPanel code={session?.code ?? code} />
      <div className="screen-body">
        <header className="screen-header">
          <h1 className="screen-title">{session?.title ?? t('screen.heading')}</h1>
          {session?.participants !== undefined && (
            <p className="screen-participants">{t('screen.participants', { count: session.participants })}</p>
          )}
          {room.connection !== 'live' && (
            <p className="screen-connection" role="status">
              {t(`screen.connection.${room.connection}`)}
            </p>
          )}
        </header>
        {session?.status === 'ended' ? (
          <section className="screen-on-screen">
            <p className="screen-idle">{t('screen.ended')}</p>
          </section>
        ) : (
          <OnScreen question={room.onScreen} title={session?.title ?? ''} />
        )}
        <div className="screen-lower">
          <TopQuestions questions={top} />
          {poll && <ScreenPoll poll={poll} />}
        </div>
      </div>
    </main>
  );
}

/**
 * `/live/:code/screen`: the projector at 1920×1080, read from the back of a hall. It joins as a guest
 * named for the screen (or the signed-in account of the laptop), never asks anything, and has no
 * controls: how to join (address, code, QR), the question on screen, the top questions, the open poll.
 */
export function ScreenPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const { status, identity, chooseName } = useLiveIdentity('screen');
  const naming = useRef(false);
  const [attempt, setAttempt] = useState(0);
  const guestName = t('screen.guestName');

  useEffect(() => {
    if (status !== 'needsName' || naming.current) return;
    naming.current = true;
    chooseName(guestName)
      .catch(() => {
        // The server cannot make a guest now: try again shortly.
        setTimeout(() => setAttempt((n) => n + 1), 3_000);
      })
      .finally(() => {
        naming.current = false;
      });
  }, [status, chooseName, guestName, attempt]);

  if (status !== 'ready' || !identity) {
    return (
      <main id="main" className="screen-page screen-message">
        <h1 role="status">{t('screen.connecting')}</h1>
      </main>
    );
  }
  return <Screen code={normalizeCode(code)} identity={identity} />;
}

export default ScreenPage;
