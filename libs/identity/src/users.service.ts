import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Locale, Role } from '@balai/contracts';
import { NotFoundError, ValidationError } from '@balai/errors';
import { UserView } from './dto/user.view';
import { GuestCannotHoldRoleError, LastAdminError } from './identity.errors';
import { PasswordHasher } from './password-hasher';
import { SessionEndsService } from './session-ends.service';
import { User } from './user.entity';

/** Someone to notify: the language to write in, and the address to mail (null: no e-mail). */
export interface Recipient {
  id: string;
  displayName: string;
  locale: Locale;
  email: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly sessionEnds: SessionEndsService,
  ) {}

  async get(id: string): Promise<UserView> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw new NotFoundError('User', id);
    return UserView.of(user);
  }

  /** The caller's own account, with the preferences. */
  async me(id: string): Promise<UserView> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw new NotFoundError('User', id);
    return UserView.ofMe(user);
  }

  async setPreferences(id: string, input: { emailNotifications?: boolean; locale?: Locale }): Promise<UserView> {
    if (input.emailNotifications === undefined && input.locale === undefined) {
      throw new ValidationError([{ field: 'locale', message: 'send emailNotifications, locale or both' }]);
    }
    return this.em.transactional(async (em) => {
      const user = await em.findOne(User, { id });
      if (!user) throw new NotFoundError('User', id);
      if (input.emailNotifications !== undefined) user.emailNotifications = input.emailNotifications;
      if (input.locale !== undefined) user.locale = input.locale;
      return UserView.ofMe(user);
    });
  }

  /**
   * How to reach each of these people, for notifications: their language (Indonesian unless they
   * chose), and their e-mail address when they have one and did not turn e-mail off. Unknown ids are
   * left out (a deleted account).
   */
  async recipients(ids: readonly string[]): Promise<Map<string, Recipient>> {
    if (ids.length === 0) return new Map();
    const users = await this.em
      .fork()
      .find(User, { id: { $in: [...new Set(ids)] } }, { fields: ['id', 'email', 'locale', 'emailNotifications', 'displayName'] });
    return new Map(
      users.map((user) => [
        user.id,
        {
          id: user.id,
          displayName: user.displayName,
          locale: user.locale ?? 'id',
          email: user.email && user.emailNotifications ? user.email : null,
        },
      ]),
    );
  }

  /** Display names for a set of users, for domains that show authors without owning the table. */
  async displayNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.em.find(User, { id: { $in: [...new Set(ids)] } }, { fields: ['id', 'displayName'] });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  /** A new role ends the account's sessions: its tokens carry the old role, so it signs in again. */
  async assignRole(id: string, role: Exclude<Role, 'guest'>): Promise<UserView> {
    return this.em.transactional(async (em) => {
      const user = await em.findOne(User, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new NotFoundError('User', id);
      if (user.role === 'guest') throw GuestCannotHoldRoleError();
      if (user.role === 'admin' && role !== 'admin') {
        // Lock every admin row: two admins demoting each other at once must not leave none.
        const admins = await em.find(User, { role: 'admin' }, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ['id'] });
        if (admins.length <= 1) throw LastAdminError();
      }
      if (user.role !== role) {
        user.role = role;
        await this.sessionEnds.endIn(em, id);
      }
      return UserView.of(user);
    });
  }

  /**
   * Makes sure an account with this e-mail exists and is an admin. An existing account keeps
   * its password: the environment never silently overwrites one.
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'promoted' | 'unchanged'> {
    // Hash outside the transaction: it holds a connection, and PGlite has only one.
    const passwordHash = await this.hasher.hash(password);
    return this.em.transactional(async (em) => {
      const existing = await em.findOne(User, { email: email.toLowerCase() });
      if (existing) {
        if (existing.role === 'admin') return 'unchanged';
        existing.role = 'admin';
        return 'promoted';
      }
      em.create(User, { email: email.toLowerCase(), passwordHash, displayName: 'Admin', role: 'admin' });
      return 'created';
    });
  }

  /** Creates an account with a role directly (demo city, tests); returns it unchanged if the e-mail exists. */
  async ensureAccount(input: { email: string; password: string; displayName: string; role: Role }): Promise<UserView> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.em.transactional(async (em) => {
      const existing = await em.findOne(User, { email: input.email.toLowerCase() });
      if (existing) return UserView.of(existing);
      const user = em.create(User, {
        email: input.email.toLowerCase(),
        passwordHash,
        displayName: input.displayName,
        role: input.role,
      });
      return UserView.of(user);
    });
  }

  async exists(email: string): Promise<boolean> {
    return (await this.em.count(User, { email: email.toLowerCase() })) > 0;
  }

  /** No accounts, apart from `except` (the e-mail of the admin BALAI_ADMIN_EMAIL makes at start). */
  async isEmpty(except?: string): Promise<boolean> {
    return (await this.em.count(User, except ? { email: { $ne: except.toLowerCase() } } : {})) === 0;
  }
}
