import { memo } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LiveQuestionView } from '@balai/contracts';

/** The participant's own questions that the room does not see: waiting for the moderator, or rejected with the reason. */
export const OwnQuestions = memo(function OwnQuestions({ questions }: { questions: LiveQuestionView[] }) {
  const { t } = useTranslation();
  if (questions.length === 0) return null;
  return (
    <section className="live-own" aria-labelledby="live-own-heading">
      <h2 id="live-own-heading">{t('live.yours')}</h2>
      <ul className="live-question-list">
        {questions.map((question) => (
          <li key={question.id}>
            <article className={`live-question live-question-${question.status}`} aria-labelledby={`own-${question.id}`}>
              <div className="live-question-body">
                <p className="meta">
                  <span className={question.status === 'rejected' ? 'badge badge-rejected' : 'badge badge-status'}>
                    {question.status === 'rejected' ? t('live.rejected') : t('live.waiting')}
                  </span>
                </p>
                <p id={`own-${question.id}`} className="live-question-text">
                  {question.text}
                </p>
                {question.status === 'rejected' && question.rejectionReason && (
                  <p className="live-reason">{t('live.rejectedReason', { reason: question.rejectionReason })}</p>
                )}
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
});
