import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { hasRole, Role } from '@balai/contracts';
import { ForbiddenError, UnauthorizedError } from '@balai/errors';
import { Principal } from './principal';
import { SuspensionList } from './suspension-list';
import { TokenService } from './token.service';

export const REQUIRED_ROLE = 'balai:required-role';
/** Set by `@WhileSuspended()`: the write is allowed to a suspended account. */
export const WHILE_SUSPENDED = 'balai:while-suspended';
/** `'optional'`: a valid token is read when present; none is fine. */
export type RoleRequirement = Role | 'optional';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly suspensions: SuspensionList,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const requirement = this.reflector.getAllAndOverride<RoleRequirement | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (requirement === undefined) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = TokenService.bearer(request.headers.authorization);
    if (token === undefined) {
      if (requirement === 'optional') return true;
      throw new UnauthorizedError('missing_token', 'Sign in first: send "Authorization: Bearer <token>"');
    }
    // Also refuses a token whose account's sessions ended since (in memory, no database read).
    const { principal } = this.tokens.verify(token);
    request.principal = principal;
    if (requirement !== 'optional' && !hasRole(principal.role, requirement)) {
      throw new ForbiddenError('role_required', `This needs the ${requirement} role or higher; you are ${principal.role}`);
    }
    // A suspended account reads; its writes are refused (an in-memory check, no database read).
    if (!READS.has(request.method) && !this.reflector.get<boolean | undefined>(WHILE_SUSPENDED, context.getHandler())) {
      this.suspensions.assertMayWrite(principal.id);
    }
    return true;
  }
}
