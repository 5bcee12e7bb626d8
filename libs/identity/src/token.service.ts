import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { Role, ROLES } from '@balai/contracts';
import { UnauthorizedError } from '@balai/errors';
import { Principal } from './principal';

interface AccessTokenClaims {
  sub: string;
  role: Role;
  name: string;
  /** Set by the signer (JWT_TTL): seconds since the epoch. */
  exp?: number;
}

/** A verified access token: who it speaks for, and until when. */
export interface VerifiedToken {
  principal: Principal;
  /** When the token expires, in milliseconds since the epoch; undefined for a token without `exp`. */
  expiresAt: number | undefined;
}

/**
 * Access tokens carry the role and display name, so a Socket.IO handshake needs no database
 * query. A role change therefore takes effect with the next token (JWT_TTL, 12 h by default).
 */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(principal: Principal): Promise<string> {
    const claims: AccessTokenClaims = { sub: principal.id, role: principal.role, name: principal.displayName };
    return this.jwt.signAsync(claims);
  }

  /** The token's principal and expiry; UnauthorizedError (`token_expired`, `invalid_token`) otherwise. */
  verify(token: string): VerifiedToken {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch (error: unknown) {
      if (error instanceof TokenExpiredError) throw new UnauthorizedError('token_expired', 'The access token has expired: sign in again');
      throw new UnauthorizedError('invalid_token', 'The access token is not valid');
    }
    if (typeof claims.sub !== 'string' || typeof claims.name !== 'string' || !ROLES.includes(claims.role as Role)) {
      throw new UnauthorizedError('invalid_token', 'The access token is not valid');
    }
    return {
      principal: { id: claims.sub, role: claims.role as Role, displayName: claims.name },
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  }

  /** Reads `Authorization: Bearer <token>`; undefined when the header is absent. */
  static bearer(header: string | undefined): string | undefined {
    if (header === undefined) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new UnauthorizedError('invalid_token', 'The Authorization header must be "Bearer <token>"');
    return match[1];
  }
}
