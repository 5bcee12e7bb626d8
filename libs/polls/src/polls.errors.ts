import type { Role } from '@balai/contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '@balai/errors';

/** Each code of the polls domain, typed once. */
export class PollNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Poll', id);
  }
}

/** A ballot for a closed poll (closed by a moderator, or past its closing time). */
export class PollClosedError extends ConflictError {
  constructor(message = 'This poll is closed: it takes no more ballots') {
    super('poll_closed', message);
  }
}

/** A second close: the same code as a ballot for a closed poll. */
export class PollAlreadyClosedError extends PollClosedError {
  constructor() {
    super('This poll is already closed');
  }
}

export class GuestsOnlyInLivePollsError extends ForbiddenError {
  constructor() {
    super('guest_not_allowed', 'Guests may vote only in polls of a live session: sign in to vote in this poll');
  }
}

/** Creating or closing a poll takes a moderator. */
export class PollModeratorRequiredError extends ForbiddenError {
  constructor(action: 'Creating' | 'Closing', role: Role) {
    super('role_required', `${action} a poll needs the moderator role or higher; you are ${role}`);
  }
}
