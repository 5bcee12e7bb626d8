export const ROLES = ['guest', 'citizen', 'moderator', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role has every right of the roles before it. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
