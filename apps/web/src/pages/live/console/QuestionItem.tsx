import { personName } from '../../../format';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LiveQuestionView, ModerationAction } from '@balai/contracts';
import { timeOf } from './time';
import { actionsFor, SHORTCUT_KEYS } from './actions';

export interface QuestionItemProps {
  question: LiveQuestionView;
  /** An action of this question awaits its ack. */
  busy: boolean;
  /** The reject field is open (a click on Reject, or R). */
  rejecting: boolean;
  onAction(question: LiveQuestionView, action: ModerationAction, reason?: string): void;
  onRejecting(question: LiveQuestionView | null): void;
  /** Hide the upvote count (a pending question has none yet). */
  showUpvotes: boolean;
}

const REASON_MAX = 500;

/**
 * One question in the console: its text, who asked and when, its upvotes, a button for each action
 * its state allows (with the shortcut key shown, and named in `aria-keyshortcuts`), and the short
 * inline reason field of a rejection. Focusable as a whole, so the shortcuts act on it.
 */
export function QuestionItem({ question, busy, rejecting, onAction, onRejecting, showUpvotes }: QuestionItemProps) {
  const { t } = useTranslation();
  const textId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  const itemRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
    else setReason('');
  }, [rejecting]);

  const submitReject = (event: FormEvent) => {
    event.preventDefault();
    onAction(question, 'reject', reason.trim() || undefined);
  };

  const cancelReject = () => {
    onRejecting(null);
    itemRef.current?.focus();
  };

  const author = question.author ? personName(question.author.displayName, t) : undefined;
  const className = ['console-question', question.onScreen ? 'is-on-screen' : '', busy ? 'is-busy' : ''].filter(Boolean).join(' ');
  return (
    <li className={className}>
      <article ref={itemRef} tabIndex={-1} data-question-id={question.id} aria-labelledby={textId} aria-busy={busy || undefined}>
        <p id={textId} className="console-question-text">
          {question.text}
        </p>
        <p className="console-question-meta">
          <span>
            {question.anonymous
              ? author
                ? t('console.question.anonymousBy', { name: author })
                : t('console.question.anonymous')
              : (author ?? t('console.question.anonymous'))}
          </span>
          <span>{timeOf(question.createdAt)}</span>
          {showUpvotes && <span className="console-upvotes">{t('console.question.upvotes', { count: question.upvotes })}</span>}
          {question.onScreen && <span className="badge console-badge-screen">{t('console.question.onScreen')}</span>}
          {question.status === 'answered' && <span className="badge">{t('console.question.answered')}</span>}
        </p>
        {rejecting ? (
          <form className="console-reject" onSubmit={submitReject} onKeyDown={(e) => e.key === 'Escape' && cancelReject()}>
            <label htmlFor={reasonId}>{t('console.reject.reason')}</label>
            <input
              ref={reasonRef}
              id={reasonId}
              type="text"
              value={reason}
              maxLength={REASON_MAX}
              placeholder={t('console.reject.placeholder')}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="button console-danger" disabled={busy}>
              {t('console.reject.confirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={cancelReject}>
              {t('console.reject.cancel')}
            </button>
          </form>
        ) : (
          <div className="console-actions" role="group" aria-label={t('console.question.actions')}>
            {actionsFor(question).map((action) => (
              <button
                key={action}
                type="button"
                className={`console-action console-action-${action}`}
                disabled={busy}
                aria-keyshortcuts={SHORTCUT_KEYS[action]}
                onClick={() => (action === 'reject' ? onRejecting(question) : onAction(question, action))}
              >
                {t(`console.action.${action}`)}
                <kbd aria-hidden="true">{SHORTCUT_KEYS[action]}</kbd>
              </button>
            ))}
          </div>
        )}
      </article>
    </li>
  );
}
