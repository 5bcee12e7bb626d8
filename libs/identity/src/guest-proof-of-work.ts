import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { AppConfig } from '@balai/config';
import { DomainError, ForbiddenError, NotFoundError } from '@balai/errors';
import { REDIS } from '@balai/redis';

/** How long a challenge may be solved and used. */
const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export const ProofOfWorkRequiredError = () =>
  new DomainError(
    'validation',
    'proof_of_work_required',
    'Guest sign-in needs a solved proof-of-work challenge: GET /auth/guest/challenge first',
    [{ field: 'altcha', message: 'solve GET /auth/guest/challenge and send the solution as altcha' }],
  );
const ProofOfWorkInvalidError = () =>
  new ForbiddenError('proof_of_work_invalid', 'The proof-of-work solution is wrong, expired or not ours: solve a new challenge');
const ProofOfWorkUsedError = () =>
  new ForbiddenError('proof_of_work_used', 'This proof-of-work solution was already used: solve a new challenge');

/**
 * Optional proof of work for guest sign-in (GUEST_PROOF_OF_WORK): ALTCHA challenges made and verified
 * here (altcha-lib, offline, no third party), signed with a key derived from the JWT secret so every
 * process verifies every other's; a solution is taken once (Redis SET NX, else memory) until it expires.
 */
@Injectable()
export class GuestProofOfWork {
  private readonly hmacKey: string;
  private readonly used = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {
    this.hmacKey = createHmac('sha256', config.jwt.secret).update('balai:guest-proof-of-work').digest('hex');
  }

  get enabled(): boolean {
    return this.config.guestProofOfWork.enabled;
  }

  async challenge(): Promise<Challenge> {
    if (!this.enabled) throw new NotFoundError('Guest proof-of-work challenge');
    return createChallenge({
      hmacKey: this.hmacKey,
      maxNumber: this.config.guestProofOfWork.maxNumber,
      expires: new Date(Date.now() + CHALLENGE_TTL_MS),
    });
  }

  /** Nothing when proof of work is off; else the solution must be valid, unexpired and unused (then it is used). */
  async redeem(solution: string | undefined): Promise<void> {
    if (!this.enabled) return;
    if (!solution) throw ProofOfWorkRequiredError();
    let valid = false;
    let challenge = '';
    try {
      const payload = JSON.parse(Buffer.from(solution, 'base64').toString('utf8')) as { challenge?: unknown };
      challenge = typeof payload.challenge === 'string' ? payload.challenge : '';
      valid = challenge.length > 0 && (await verifySolution(solution, this.hmacKey, true));
    } catch {
      valid = false;
    }
    if (!valid) throw ProofOfWorkInvalidError();
    if (!(await this.markUsed(challenge))) throw ProofOfWorkUsedError();
  }

  private async markUsed(challenge: string): Promise<boolean> {
    if (this.redis) {
      try {
        const set = await this.redis.set(`balai:pow:${challenge}`, '1', 'PX', CHALLENGE_TTL_MS, 'NX');
        return set === 'OK';
      } catch {
        throw new DomainError('unavailable', 'proof_of_work_unavailable', 'The proof-of-work check is unavailable: try again');
      }
    }
    const now = Date.now();
    for (const [stale, expiresAt] of this.used) if (expiresAt <= now) this.used.delete(stale);
    if (this.used.has(challenge)) return false;
    this.used.set(challenge, now + CHALLENGE_TTL_MS);
    return true;
  }
}
