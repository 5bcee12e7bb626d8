import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '@balai/contracts';
import { UnauthorizedError } from '@balai/errors';
import { AuthenticatedRequest, AuthGuard, REQUIRED_ROLE, WHILE_SUSPENDED } from './auth.guard';
import { Principal } from './principal';

/** The route needs a token of this role or a higher one. The same decorator documents it in OpenAPI. */
export function Auth(role: Role): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: "No token, or an invalid or expired one, or one issued before its account's sessions ended (`token_revoked`)",
    }),
    ApiForbiddenResponse({ description: `Needs the ${role} role or higher` }),
  );
}

/** Public route that reads the caller when a token is sent (a moderator sees more, say). */
export function OptionalAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIRED_ROLE, 'optional'), UseGuards(AuthGuard), ApiBearerAuth());
}

/** A write a suspended account may still make (signing out). */
export function WhileSuspended(): MethodDecorator {
  return SetMetadata(WHILE_SUSPENDED, true);
}

/** The authenticated caller; on an `@OptionalAuth()` route, `undefined` when anonymous. */
export const CurrentUser = createParamDecorator((options: { optional?: boolean } | undefined, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal && !options?.optional) throw new UnauthorizedError();
  return principal;
});

export type { Principal };
