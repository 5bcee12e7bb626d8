import { solveChallenge } from 'altcha-lib/v1';
import type { GuestChallenge } from '@balai/contracts';

/**
 * Solves the server's proof-of-work challenge for guest sign-in (ALTCHA, SHA-256 in WebCrypto, which
 * needs a secure context: HTTPS or localhost) and returns the payload POST /auth/guest takes as
 * `altcha`. Loaded only when the server asks for it, so the participant page does not carry it.
 */
export async function solveGuestChallenge(challenge: GuestChallenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('The proof-of-work challenge has no solution');
  const payload = { ...challenge, number: solution.number };
  return btoa(JSON.stringify(payload));
}
