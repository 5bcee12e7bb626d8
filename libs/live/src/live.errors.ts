import { ConflictError, ForbiddenError, ValidationError } from '@balai/errors';
import type { LiveSessionStatus, QuestionStatus } from '@balai/contracts';

export const SessionEndedError = () => new ConflictError('session_ended', 'This live session has ended: it takes no more input');
export const SessionTransitionError = (from: LiveSessionStatus, to: LiveSessionStatus) =>
  new ConflictError('session_status', `A ${from} session cannot become ${to}`);
export const QuestionTransitionError = (status: QuestionStatus, action: string) =>
  new ConflictError('question_status', `A ${status} question cannot be given "${action}"`);
export const QuestionNotOpenError = (status: QuestionStatus) =>
  new ConflictError('question_not_open', `A ${status} question takes no upvotes`);
export const AnonymousNotAllowedError = () =>
  new ValidationError([{ field: 'anonymous', message: 'this session does not allow anonymous questions' }]);
export const ModeratorOnlyError = () => new ForbiddenError('role_required', 'Only moderators may do this');
