import { Locale, Role } from './roles';

export interface UserView {
  id: string;
  email?: string;
  displayName: string;
  role: Role;
  locale?: Locale;
  /** Only on `GET /me` and `PUT /me/preferences`: whether notifications also go by e-mail. */
  emailNotifications?: boolean;
}

export interface AuthResult {
  user: UserView;
  accessToken: string;
}

/**
 * The name a deleted account's threads, posts, questions and moderation entries show instead of
 * theirs (`DELETE /me`). The web app shows it in the page's language.
 */
export const FORMER_PARTICIPANT_NAME = 'a former participant';

/** `DELETE /me`: accounts confirm with their password; guests send no body (or `{}`). */
export interface DeleteAccountRequest {
  password?: string;
}

/** `GET /me/export`: the account, then one section per domain (`forum`, `polls`, `live`, …). */
export interface PersonalDataExport {
  exportedAt: string;
  account: {
    id: string;
    email: string | null;
    displayName: string;
    role: string;
    locale: string | null;
    emailNotifications: boolean;
    createdAt: string;
  };
  [section: string]: unknown;
}
