import { ProgressState, ThreadKind } from '@balai/contracts';

/** The kinds of thread that carry progress. */
export const KINDS_WITH_PROGRESS: readonly ThreadKind[] = ['idea', 'complaint'];

/**
 * The steps an official may take: received → under_review → accepted | not_taken_up → done (from
 * accepted only); not_taken_up also straight from received. Staying in a state is not a step.
 */
const NEXT: Record<ProgressState, readonly ProgressState[]> = {
  received: ['under_review', 'not_taken_up'],
  under_review: ['accepted', 'not_taken_up'],
  accepted: ['done'],
  not_taken_up: [],
  done: [],
};

export const hasProgress = (kind: ThreadKind): boolean => KINDS_WITH_PROGRESS.includes(kind);

export const progressStepAllowed = (from: ProgressState, to: ProgressState): boolean => NEXT[from].includes(to);

/** `not_taken_up` needs a reason. */
export const progressNeedsNote = (state: ProgressState): boolean => state === 'not_taken_up';
