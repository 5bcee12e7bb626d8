import { Entity, Enum, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Locale, LOCALES, Role, ROLES } from '@balai/contracts';
import { newId } from '@balai/database';

@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  /** Null for guests: live participants with a display name and no account. */
  @Unique()
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 255, nullable: true, hidden: true, lazy: true })
  passwordHash: string | null = null;

  @Property({ type: 'string', length: 60 })
  displayName!: string;

  @Index()
  @Enum({ items: () => [...ROLES], nativeEnumName: 'user_role' })
  role!: Role;

  @Enum({ items: () => [...LOCALES], nullable: true })
  locale: Locale | null = null;

  /** Notifications also go by e-mail (when the account has an address and SMTP_URL is set). */
  @Property({ type: 'boolean', default: true })
  emailNotifications: Opt<boolean> = true;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
