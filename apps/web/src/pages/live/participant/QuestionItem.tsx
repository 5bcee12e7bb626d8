import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportButton } from '../../../components/ReportButton';
import type { LiveQuestionView } from '@balai/contracts';

interface QuestionItemProps {
  question: LiveQuestionView;
  upvoted: boolean;
  pending: boolean;
  disabled: boolean;
  onUpvote(questionId: string): void;
  /** The highlighted question on the hall's screen. */
  highlighted?: boolean;
}

/** One public question with its upvote button; re-renders only when its own data changes. */
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
        <p className="meta">{question.author ? question.author.displayName : t('live.anonymousAuthor')}</p>
        {!highlighted && <ReportButton targetType="question" targetId={question.id} authorName={question.author?.displayName ?? null} />}
      </div>
      <button
        type="button"
        className="live-upvote"
        aria-pressed={upvoted}
        aria-busy={pending || undefined}
        disabled={disabled}
        onClick={() => {
          if (!pending) onUpvote(question.id);
        }}
      >
        {/* Named by its content, visible count included: "Dukung pertanyaan ini, 12 dukungan". */}
        <span className="live-upvote-icon" aria-hidden="true">
          ▲
        </span>
        <span className="visually-hidden">{t('live.upvote')} </span>
        <span className="live-upvote-count">{question.upvotes}</span>
        <span className="visually-hidden"> {t('live.upvotes', { count: question.upvotes })}</span>
      </button>
    </article>
  );
});
