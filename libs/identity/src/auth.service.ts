import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { isUniqueViolation } from '@balai/database';
import { AuthResultView, UserView } from './dto/user.view';
import { EmailTakenError, InvalidCredentialsError } from './identity.errors';
import { PasswordHasher } from './password-hasher';
import { Principal } from './principal';
import { TokenService } from './token.service';
import { User } from './user.entity';
import { Locale } from '@balai/contracts';

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async register(input: { email: string; password: string; displayName: string; locale?: Locale }): Promise<AuthResultView> {
    const user = this.em.create(User, {
      email: input.email.toLowerCase(),
      passwordHash: await this.hasher.hash(input.password),
      displayName: input.displayName,
      role: 'citizen',
      locale: input.locale ?? null,
    });
    try {
      await this.em.persistAndFlush(user);
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw EmailTakenError();
      throw error;
    }
    return this.authResult(user);
  }

  async login(email: string, password: string): Promise<AuthResultView> {
    const user = await this.em.findOne(User, { email: email.toLowerCase() }, { populate: ['passwordHash'] });
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) throw InvalidCredentialsError();
    return this.authResult(user);
  }

  async guest(displayName: string): Promise<AuthResultView> {
    const user = this.em.create(User, { displayName, role: 'guest' });
    await this.em.persistAndFlush(user);
    return this.authResult(user);
  }

  async authResult(user: User): Promise<AuthResultView> {
    return { user: UserView.of(user), accessToken: await this.tokens.issue(toPrincipal(user)) };
  }
}

export function toPrincipal(user: User): Principal {
  return { id: user.id, role: user.role, displayName: user.displayName };
}
