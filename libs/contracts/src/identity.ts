import { Locale, Role } from './roles';

export interface UserView {
  id: string;
  email?: string;
  displayName: string;
  role: Role;
  locale?: Locale;
}

export interface AuthResult {
  user: UserView;
  accessToken: string;
}
