import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { Role, ROLES } from '@balai/contracts';
import { UnauthorizedError } from '@balai/errors';
import { EndedSessions } from './ended-sessions';
import { Principal } from './principal';

interface AccessTokenClaims {
  sub: string;
  role: Role;
  name: string;
  /**
   * When the token was issued, in milliseconds since the epoch: `iat` has one-second resolution, too
   * coarse to tell a token issued just before its account's sessions ended from one issued just after.
   */
  iat_ms?: number;
  /** Set by the signer: seconds since the epoch. */
  iat?: number;
  /** Set by the signer (JWT_TTL): seconds since the epoch. */
  exp?: number;
}

/** A verified access token: who it speaks for, and until when. */
export interface VerifiedToken {
  principal: Principal;
  /** When the token expires, in milliseconds since the epoch; undefined for a token without `exp`. */
  expiresAt: number | undefined;
  /** When the token was issued, in milliseconds since the epoch (0 when it does not say). */
  issuedAt: number;
}

/**
 * Access tokens carry the role and display name, so a Socket.IO handshake needs no database
 * query. Ending an account's sessions (sign-out, role change, suspension, deletion) revokes every
 * token issued before, checked in memory (`EndedSessions`); the next sign-in gets the new role.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly ended: EndedSessions,
  ) {}

  issue(principal: Principal): Promise<string> {
    const claims: AccessTokenClaims = {
      sub: principal.id,
      role: principal.role,
      name: principal.displayName,
      iat_ms: this.ended.issueTime(principal.id),
    };
    return this.jwt.signAsync(claims);
  }

  /**
   * The token's principal, expiry and issue time; UnauthorizedError (`token_expired`, `invalid_token`,
   * `token_revoked`) otherwise.
   */
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
    // A token without `iat_ms` (issued by an older version) counts from the start of its `iat` second.
    const issuedAt = typeof claims.iat_ms === 'number' ? claims.iat_ms : typeof claims.iat === 'number' ? claims.iat * 1000 : 0;
    this.ended.assertCurrent(claims.sub, issuedAt);
    return {
      principal: { id: claims.sub, role: claims.role as Role, displayName: claims.name },
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
      issuedAt,
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
