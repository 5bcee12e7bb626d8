import { useMemo, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LiveQuestionView } from '@balai/contracts';
import { useSettledOrder } from '../../../live/useSettledOrder';
import { QuestionItem } from './QuestionItem';

type Sort = 'top' | 'recent';
/** A phone renders this many at first, and this many more per "show more": a hall can ask hundreds. */
const PAGE = 30;

function byTop(a: LiveQuestionView, b: LiveQuestionView): number {
  return b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt);
}

function byRecent(a: LiveQuestionView, b: LiveQuestionView): number {
  return b.createdAt.localeCompare(a.createdAt);
}

interface QuestionListProps {
  questions: LiveQuestionView[];
  myUpvotes: ReadonlySet<string>;
  votesInFlight: ReadonlySet<string>;
  disabled: boolean;
  onUpvote(questionId: string): void;
}

/** The public questions, top or recent (the ranking settles every few seconds); only the first pages are rendered. */
export function QuestionList({ questions, myUpvotes, votesInFlight, disabled, onUpvote }: QuestionListProps) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<Sort>('top');
  const [shown, setShown] = useState(PAGE);
  const ranked = useMemo(() => questions.slice().sort(sort === 'top' ? byTop : byRecent), [questions, sort]);
  const sorted = useSettledOrder(ranked, sort);
  const visible = sorted.length > shown ? sorted.slice(0, shown) : sorted;

  return (
    <section className="live-questions" aria-labelledby="live-questions-heading">
      <div className="live-questions-head">
        <h2 id="live-questions-heading">
          {t('live.questions')} <span className="live-count">({questions.length})</span>
        </h2>
        <div className="live-sort" role="group" aria-label={t('live.sort')}>
          {(['top', 'recent'] as const).map((option) => (
            <button key={option} type="button" aria-pressed={sort === option} onClick={() => setSort(option)}>
              {option === 'top' ? t('live.sortTop') : t('live.sortRecent')}
            </button>
          ))}
        </div>
      </div>
      {questions.length === 0 ? (
        <p className="empty">{t('live.noQuestions')}</p>
      ) : (
        <ol className="live-question-list">
          {visible.map((question) => (
            <li key={question.id}>
              <QuestionItem
                question={question}
                upvoted={myUpvotes.has(question.id)}
                pending={votesInFlight.has(question.id)}
                disabled={disabled}
                onUpvote={onUpvote}
              />
            </li>
          ))}
        </ol>
      )}
      {sorted.length > shown && (
        <button type="button" className="button button-secondary live-wide-button" onClick={() => setShown((n) => n + PAGE)}>
          {t('live.showMore', { count: Math.min(PAGE, sorted.length - shown) })}
        </button>
      )}
    </section>
  );
}
