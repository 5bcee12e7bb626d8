import { ConflictError, ForbiddenError, UnauthorizedError } from '@balai/errors';

export const EmailTakenError = () => new ConflictError('email_taken', 'An account with this e-mail address already exists');
export const InvalidCredentialsError = () => new UnauthorizedError('invalid_credentials', 'The e-mail address or password is wrong');
export const GuestCannotHoldRoleError = () =>
  new ConflictError('guest_account', 'A guest account has no e-mail or password; it cannot be given another role');
export const LastAdminError = () => new ConflictError('last_admin', 'This is the last admin: make another admin first');
export const WrongPasswordError = () => new ForbiddenError('wrong_password', 'The password is wrong: the account was not deleted');
