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
