import type { LiveQuestionView, ModerationAction } from '@balai/contracts';

/** The moderation actions the server accepts for a question in its present state (merge picks its target in the console's merge form). */
export function actionsFor(question: LiveQuestionView): ModerationAction[] {
  const screen: ModerationAction = question.onScreen ? 'hide' : 'show';
  switch (question.status) {
    case 'pending':
      return ['approve', 'reject', 'archive'];
    case 'approved':
      return [screen, 'answer', 'reject', 'archive'];
    case 'answered':
      return [screen, 'archive'];
    case 'rejected':
    case 'archived':
      return ['approve'];
    case 'merged':
      return [];
  }
}

/** The key of each shortcut, on the focused question. */
export const SHORTCUT_KEYS = {
  approve: 'A',
  reject: 'R',
  show: 'S',
  hide: 'S',
  answer: 'D',
  archive: 'X',
  merge: 'M',
} as const satisfies Record<ModerationAction, string>;

/** The action a key stands for on `question`, if it may be done now. */
export function actionForKey(key: string, question: LiveQuestionView): ModerationAction | null {
  const allowed = actionsFor(question);
  const upper = key.toUpperCase();
  return allowed.find((action) => SHORTCUT_KEYS[action] === upper) ?? null;
}
