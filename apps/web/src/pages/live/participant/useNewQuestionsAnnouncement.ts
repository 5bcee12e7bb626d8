import { useEffect, useRef, useState } from 'react';
import type { LiveQuestionView } from '@balai/contracts';

/** How long new questions are gathered before one announcement says how many came. */
const GATHER_MS = 1_500;

/**
 * The number of questions that appeared since the last announcement, gathered for a moment so a
 * busy hall gives "3 new questions", not a stream of messages; the first load is not announced.
 * Returns the count to announce (0: nothing) and a key that changes with each announcement.
 */
export function useNewQuestionsAnnouncement(questions: LiveQuestionView[], ready: boolean): { count: number; key: number } {
  const seen = useRef<Set<string> | null>(null);
  const gathered = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const [announcement, setAnnouncement] = useState({ count: 0, key: 0 });

  useEffect(() => {
    if (!ready) return;
    if (!seen.current) {
      seen.current = new Set(questions.map((q) => q.id));
      return;
    }
    let added = 0;
    for (const question of questions) {
      if (!seen.current.has(question.id)) {
        seen.current.add(question.id);
        added++;
      }
    }
    if (added === 0) return;
    gathered.current += added;
    if (timer.current === undefined) {
      timer.current = window.setTimeout(() => {
        timer.current = undefined;
        const count = gathered.current;
        gathered.current = 0;
        setAnnouncement((previous) => ({ count, key: previous.key + 1 }));
      }, GATHER_MS);
    }
  }, [questions, ready]);

  useEffect(() => () => window.clearTimeout(timer.current), []);
  return announcement;
}
