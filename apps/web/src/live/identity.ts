import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Role } from '@balai/contracts';
import { api, ApiError, endLocalSession, tokenStore } from '../api';
import { useAuth } from '../auth';

/** Who joins a live session: a signed-in account with its own token, or a guest with a name of their choosing. */
export interface LiveIdentity {
  token: string;
  displayName: string;
  /** The account's id (a guest's too, once known). */
  userId: string | null;
  role: Role;
  guest: boolean;
  /**
   * The server refused the token (`connect_error` "unauthorized", or an `unauthorized` ack; `reason`
   * is its code, `token_revoked` say): a guest becomes a new guest with the same name; a signed-in
   * account is signed out here (its session has ended on the server) and continues as a guest.
   */
  renew(reason?: string): void;
}

export type LiveIdentityStatus = 'loading' | 'needsName' | 'ready';

export interface LiveIdentityState {
  status: LiveIdentityStatus;
  /** Set when `status` is `ready`. */
  identity: LiveIdentity | null;
  /** A guest picks a name once: creates the guest (POST /auth/guest) and keeps it. Rejects with the ApiError. */
  chooseName(displayName: string): Promise<void>;
  /** The name a guest chose earlier (kept across a refused token), for the prompt. */
  savedName: string | null;
}

interface StoredGuest {
  displayName: string;
  accessToken: string;
  userId: string | null;
}

/**
 * Which guest a page keeps: the participant's own, or the projector screen's. Kept apart, so a laptop
 * that ran the screen does not later join the hall as "Screen", nor the screen as its owner's guest.
 */
export type GuestSlot = 'participant' | 'screen';
const GUEST_KEYS: Record<GuestSlot, string> = { participant: 'balai.liveGuest', screen: 'balai.liveScreenGuest' };
const memoryGuests: Record<GuestSlot, StoredGuest | null> = { participant: null, screen: null };
/** When a refused guest token was last replaced; see renewGuest. */
let lastRenewal = 0;
const RENEWAL_PAUSE_MS = 15_000;
/** The last guest's name, kept in memory to prefill the prompt when a renewal failed. */
let lastGuestName: string | null = null;

/** The guest kept in localStorage, so a reload or a dropped connection never makes a second guest. */
export const guestStore = {
  get(slot: GuestSlot = 'participant'): StoredGuest | null {
    const memoryGuest = memoryGuests[slot];
    try {
      const text = localStorage.getItem(GUEST_KEYS[slot]);
      if (!text) return memoryGuest;
      const value = JSON.parse(text) as Partial<StoredGuest>;
      if (typeof value.displayName !== 'string' || typeof value.accessToken !== 'string') return null;
      return { displayName: value.displayName, accessToken: value.accessToken, userId: value.userId ?? null };
    } catch {
      return memoryGuest;
    }
  },
  set(guest: StoredGuest | null, slot: GuestSlot = 'participant'): void {
    memoryGuests[slot] = guest;
    if (guest && slot === 'participant') lastGuestName = guest.displayName;
    try {
      if (guest) localStorage.setItem(GUEST_KEYS[slot], JSON.stringify(guest));
      else localStorage.removeItem(GUEST_KEYS[slot]);
    } catch {
      // Storage unavailable (private mode): the guest lasts as long as the tab.
    }
  },
};

/** Makes a guest on the server and keeps it. */
async function createGuest(displayName: string, slot: GuestSlot): Promise<StoredGuest> {
  const result = await api('POST /auth/guest', { body: { displayName } }).catch(async (error: unknown) => {
    // A server under attack may ask guests for a proof of work: only then is the solver loaded.
    if (!(error instanceof ApiError) || error.code !== 'proof_of_work_required') throw error;
    const challenge = await api('GET /auth/guest/challenge');
    const altcha = await import('./proof-of-work')
      .then(({ solveGuestChallenge }) => solveGuestChallenge(challenge))
      .catch((failure: unknown) => {
        // No WebCrypto (a page on plain HTTP), or the chunk did not load: said as a failed check.
        const detail = failure instanceof Error ? failure.message : String(failure);
        throw new ApiError({ type: 'about:blank', title: 'Proof of work failed', status: 0, detail, code: 'proof_of_work_failed' });
      });
    return api('POST /auth/guest', { body: { displayName, altcha } });
  });
  const guest = { displayName: result.user.displayName, accessToken: result.accessToken, userId: result.user.id };
  guestStore.set(guest, slot);
  return guest;
}

/**
 * The identity a live page joins with: the signed-in account when there is one, else the kept guest,
 * else `needsName` until the participant picks a name. Renewing a refused guest token reuses the name.
 */
export function useLiveIdentity(slot: GuestSlot = 'participant'): LiveIdentityState {
  const { user } = useAuth();
  const [guest, setGuest] = useState<StoredGuest | null>(() => guestStore.get(slot));
  const [renewing, setRenewing] = useState(false);
  const renewal = useRef<Promise<unknown> | null>(null);

  const chooseName = useCallback(
    async (displayName: string) => {
      setGuest(await createGuest(displayName, slot));
    },
    [slot],
  );

  const renewGuest = useCallback(
    (refused: StoredGuest) => {
      // One renewal at a time: a socket's connect_error and an ack may both report the same token.
      // And not again at once: a server that refuses even a new guest's token must not get a guest a second.
      if (renewal.current || Date.now() - lastRenewal < RENEWAL_PAUSE_MS) return;
      lastRenewal = Date.now();
      setRenewing(true);
      renewal.current = createGuest(refused.displayName, slot)
        .then(setGuest)
        .catch(() => {
          // The server cannot make a guest now: forget the token, ask for the name again (prefilled).
          guestStore.set(null, slot);
          setGuest(null);
        })
        .finally(() => {
          renewal.current = null;
          setRenewing(false);
        });
    },
    [slot],
  );

  const userToken = user ? tokenStore.get() : null;

  const identity = useMemo<LiveIdentity | null>(() => {
    if (user && userToken) {
      return {
        token: userToken,
        displayName: user.displayName,
        userId: user.id,
        role: user.role,
        guest: false,
        renew: (reason) => {
          // The account's token is no longer accepted: forget it in every tab; the page continues as a guest.
          endLocalSession(userToken, reason);
        },
      };
    }
    if (user === undefined || !guest) return null;
    return {
      token: guest.accessToken,
      displayName: guest.displayName,
      userId: guest.userId,
      role: 'guest',
      guest: true,
      renew: () => renewGuest(guest),
    };
  }, [user, userToken, guest, renewGuest]);

  // Another tab made or renewed the guest: follow it, so both tabs are one participant.
  useEffect(() => {
    const changed = (event: StorageEvent) => {
      if (event.key === GUEST_KEYS[slot]) setGuest(guestStore.get(slot));
    };
    window.addEventListener('storage', changed);
    return () => window.removeEventListener('storage', changed);
  }, [slot]);

  const status: LiveIdentityStatus = user === undefined || renewing ? 'loading' : identity ? 'ready' : 'needsName';
  const savedName = guest?.displayName ?? lastGuestName;
  return { status, identity: status === 'ready' ? identity : null, chooseName, savedName };
}
