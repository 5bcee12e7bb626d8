import { createContext, ReactNode, useContext, useMemo } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LiveQuestionView } from '@balai/contracts';

interface UpvoteCountsValue {
  counts: ReadonlyMap<string, number>;
  /** "Dukung pertanyaan ini,": the button's name before its count. */
  upvote: string;
  /** "12 dukungan" after the count, per count (cached: an upvote storm repeats the same few). */
  unit(count: number): string;
}

const UpvoteCountsContext = createContext<UpvoteCountsValue | null>(null);

/**
 * The upvote counts of a room, apart from the questions: during a storm a count batch re-renders the
 * few small count buttons, not every question (text, author, report button), so a slow phone's
 * main thread stays free. The words are translated once per language, not once per button and batch.
 */
export function UpvoteCountsProvider({
  questions,
  onScreen,
  children,
}: {
  questions: readonly LiveQuestionView[];
  onScreen: LiveQuestionView | null;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const words = useMemo(() => {
    const units = new Map<number, string>();
    return {
      upvote: t('live.upvote'),
      unit(count: number): string {
        let unit = units.get(count);
        if (unit === undefined) units.set(count, (unit = t('live.upvotes', { count })));
        return unit;
      },
    };
  }, [i18n.language, t]);
  const value = useMemo(() => {
    const counts = new Map(questions.map((question) => [question.id, question.upvotes]));
    if (onScreen) counts.set(onScreen.id, onScreen.upvotes);
    return { counts, ...words };
  }, [questions, onScreen, words]);
  return <UpvoteCountsContext.Provider value={value}>{children}</UpvoteCountsContext.Provider>;
}

/** The count of one question and the button's words, from the `UpvoteCountsProvider` around it. */
export function useUpvoteCount(questionId: string, fallback: number): { count: number; upvote: string; unit(count: number): string } {
  const value = useContext(UpvoteCountsContext);
  if (!value) throw new Error('useUpvoteCount needs an UpvoteCountsProvider around it');
  return { count: value.counts.get(questionId) ?? fallback, upvote: value.upvote, unit: value.unit };
}
