import { Injectable } from '@nestjs/common';
import { IsolationLevel, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { PersonalDataExport } from '@balai/contracts';
import { NotFoundError, ValidationError } from '@balai/errors';
import { EventBus } from '@balai/events';
import { LastAdminError, WrongPasswordError } from './identity.errors';
import { PasswordHasher } from './password-hasher';
import { PersonalDataRegistry } from './personal-data';
import { Principal } from './principal';
import { SessionEndsService } from './session-ends.service';
import { User } from './user.entity';

/**
 * A person's own data: everything Balai holds about them (each domain's `PersonalDataSource`), and
 * the deletion of their account in one transaction, the sources first and the account row last.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: PersonalDataRegistry,
    private readonly hasher: PasswordHasher,
    private readonly sessionEnds: SessionEndsService,
    private readonly events: EventBus,
  ) {}

  /** One snapshot (repeatable read): the sections agree with each other. */
  async exportFor(principal: Principal): Promise<PersonalDataExport> {
    return this.em.fork().transactional(
      async (em) => {
        const user = await em.findOne(User, { id: principal.id });
        if (!user) throw new NotFoundError('User', principal.id);
        const result: PersonalDataExport = {
          exportedAt: new Date().toISOString(),
          account: {
            id: user.id,
            email: user.email,
            displayName: user.displayName,
            role: user.role,
            locale: user.locale,
            emailNotifications: user.emailNotifications,
            createdAt: user.createdAt.toISOString(),
          },
        };
        for (const source of this.registry.sources()) result[source.section] = await source.exportFor(user.id, em);
        return result;
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ },
    );
  }

  /**
   * Deletes the caller's account: an account confirms with its password (a guest has none). Every
   * source erases its part, the user row goes, and the account's sessions end, all in one transaction;
   * `account.deleted` is announced once it committed. The password is checked before the transaction
   * opens: hashing is slow, and embedded PGlite has one connection.
   */
  async deleteAccount(principal: Principal, password: string | undefined): Promise<void> {
    const found = await this.em.fork().findOne(User, { id: principal.id }, { populate: ['passwordHash'] });
    if (!found) throw new NotFoundError('User', principal.id);
    if (found.passwordHash !== null) {
      if (password === undefined) throw new ValidationError([{ field: 'password', message: 'password is required to delete an account' }]);
      if (!(await this.hasher.verify(found.passwordHash, password))) throw WrongPasswordError();
    }
    await this.em.fork().transactional(async (em) => {
      const user = await em.findOne(User, { id: principal.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new NotFoundError('User', principal.id);
      if (user.role === 'admin') {
        // Like a demotion: the city must keep an admin.
        const admins = await em.find(User, { role: 'admin' }, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ['id'] });
        if (admins.length <= 1) throw LastAdminError();
      }
      for (const source of this.registry.sources()) await source.eraseFor(user.id, em);
      em.remove(user);
      await em.flush();
      // Recorded with the deletion: no token of the account passes once it committed, even before
      // the listeners of `account.deleted` ran.
      await this.sessionEnds.endIn(em, user.id);
      this.events.afterCommit(em, 'account.deleted', { userId: user.id });
    });
  }
}
