import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@balai/errors';

export const PollNotFoundError = (id: string) => new NotFoundError('Poll', id);
export const PollClosedError = () => new ConflictError('poll_closed', 'This poll is closed: it takes no more ballots');
export const PollAlreadyClosedError = () => new ConflictError('poll_closed', 'This poll is already closed');
export const SessionEndedError = () => new ConflictError('session_ended', 'The live session of this poll has ended');
export const LiveSessionNotFoundError = (id: string) => new NotFoundError('Live session', id);
export const GuestsOnlyInLivePollsError = () =>
  new ForbiddenError('guest_not_allowed', 'Guests may vote only in polls of a live session: sign in to vote in this poll');
export const LiveSessionsUnavailableError = () =>
  new ValidationError([{ field: 'liveSessionId', message: 'live sessions are not available on this server' }]);
