import type { LiveSessionStatus, QuestionStatus } from '@balai/contracts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '@balai/errors';

/** Each code of the live domain, typed once. Polls get SessionEndedError through LiveSessionLookup. */

/** 404 `live_session_not_found`. */
export class LiveSessionNotFoundError extends NotFoundError {
  constructor(idOrCode: string) {
    super('Live session', idOrCode);
  }
}

/** 404 `question_not_found`: unknown, or not public (pending and rejected questions take no votes). */
export class QuestionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Question', id);
  }
}

/** An ended session takes no more questions, upvotes, moderation or ballots. */
export class SessionEndedError extends ConflictError {
  constructor() {
    super('session_ended', 'This live session has ended: it takes no more input');
  }
}

export class SessionTransitionError extends ConflictError {
  constructor(from: LiveSessionStatus, to: LiveSessionStatus) {
    super('session_status', `A ${from} session cannot become ${to}`);
  }
}

export class QuestionTransitionError extends ConflictError {
  constructor(status: QuestionStatus, action: string) {
    super('question_status', `A ${status} question cannot be given "${action}"`);
  }
}

export class QuestionNotOpenError extends ConflictError {
  constructor(status: QuestionStatus) {
    super('question_not_open', `A ${status} question takes no upvotes`);
  }
}

export class AnonymousNotAllowedError extends ValidationError {
  constructor() {
    super([{ field: 'anonymous', message: 'this session does not allow anonymous questions' }]);
  }
}

export class ModeratorOnlyError extends ForbiddenError {
  constructor(message = 'Only moderators may do this') {
    super('role_required', message);
  }
}

/** A non-moderator asking for `pending` or `rejected` questions: the same code. */
export class ModeratorOnlyStatusError extends ModeratorOnlyError {
  constructor(status: QuestionStatus) {
    super(`Only moderators see ${status} questions`);
  }
}

/** Eight join codes in a row were taken (32^6 codes: practically never). */
export class JoinCodeExhaustedError extends DomainError {
  constructor() {
    super('unavailable', 'join_code_exhausted', 'Could not draw a free join code: try again');
  }
}

/** A vote submitted while this process shuts down: the client reconnects to another. */
export class ShuttingDownError extends DomainError {
  constructor() {
    super('unavailable', 'shutting_down', 'This server is shutting down: reconnect and try again');
  }
}
