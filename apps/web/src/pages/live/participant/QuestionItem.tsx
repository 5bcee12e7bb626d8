import { personName } from '../../../format';
import { memo } from 'react';
import { useTranslation } from '../../../i18n/translator';
import { ReportButton } from '../../../components/ReportButton';
import type { LiveQuestionView } from '@balai/contracts';
import { useUpvoteCount } from './UpvoteCounts';

interface QuestionItemProps {
  question: LiveQuestionView;
  upvoted: boolean;
  pending: boolean;
  disabled: boolean;
  onUpvote(questionId: string): void;
  /** The highlighted question on the hall's screen. */
  highlighted?: boolean;
}

interface UpvoteButtonProps {
  questionId: string;
  /** Until the counts provider has it. */
  initialCount: number;
  upvoted: boolean;
  pending: boolean;
  disabled: boolean;
  onUpvote(questionId: string): void;
}

/** The upvote button with its count: the only part of a question that a count batch re-renders. */
function UpvoteButton({ questionId, initialCount, upvoted, pending, disabled, onUpvote }: UpvoteButtonProps) {
  const { count, upvote, unit } = useUpvoteCount(questionId, initialCount);
  return (
    <button
      type="button"
      className="live-upvote"
      aria-pressed={upvoted}
      aria-busy={pending || undefined}
      disabled={disabled}
      onClick={() => {
        if (!pending) onUpvote(questionId);
      }}
    >
      {/* Named by its content, visible count included: "Dukung pertanyaan ini, 12 dukungan". */}
      <span className="live-upvote-icon" aria-hidden="true">
        ▲
      </span>
      <span className="visually-hidden">{upvote} </span>
      <span className="live-upvote-count">{count}</span>
      <span className="visually-hidden"> {unit(count)}</span>
    </button>
  );
}

/** Equal but for the count, which the upvote button reads for itself. */
function sameBesidesCount(a: QuestionItemProps, b: QuestionItemProps): boolean {
  return (
    a.upvoted === b.upvoted &&
    a.pending === b.pending &&
    a.disabled === b.disabled &&
    a.onUpvote === b.onUpvote &&
    a.highlighted === b.highlighted &&
    a.question.id === b.question.id &&
    a.question.text === b.question.text &&
    a.question.status === b.question.status &&
    a.question.author?.displayName === b.question.author?.displayName
  );
}

/** One public question with its upvote button; re-renders only when its own data other than the count changes. */
export const QuestionItem = memo(function QuestionItem({ question, upvoted, pending, disabled, onUpvote, highlighted }: QuestionItemProps) {
  const { t } = useTranslation();
  const textId = `${highlighted ? 'screen' : 'q'}-${question.id}`;
  return (
    <article className={highlighted ? 'live-question live-question-screen' : 'live-question'} aria-labelledby={textId}>
      <div className="live-question-body">
        {(highlighted || question.status === 'answered') && (
          <p className="meta">
            {highlighted && <span className="badge badge-official">{t('live.onScreen')}</span>}
            {question.status === 'answered' && <span className="badge badge-status">{t('live.answered')}</span>}
          </p>
        )}
        <p id={textId} className="live-question-text">
          {question.text}
        </p>
        <p className="meta">{question.author ? personName(question.author.displayName, t) : t('live.anonymousAuthor')}</p>
        {!highlighted && <ReportButton targetType="question" targetId={question.id} authorName={question.author?.displayName ?? null} />}
      </div>
      <UpvoteButton
        questionId={question.id}
        initialCount={question.upvotes}
        upvoted={upvoted}
        pending={pending}
        disabled={disabled}
        onUpvote={onUpvote}
      />
    </article>
  );
}, sameBesidesCount);
