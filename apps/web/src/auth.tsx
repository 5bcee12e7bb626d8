import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { AuthResult, UserView } from '@balai/contracts';
import { api, ApiError, SESSION_ENDED, SessionEndedEvent, tokenStore } from './api';

interface AuthState {
  /** undefined while the saved token is being checked. */
  user: UserView | null | undefined;
  signIn(result: AuthResult): void;
  /** Ends every session of the account on the server (POST /auth/logout), then forgets the token here. */
  signOut(): Promise<void>;
  /**
   * The server ended this session (signed out on another device, a role change, a suspension): the
   * shell says so until the visitor signs in again or dismisses it.
   */
  endedByServer: boolean;
  dismissEnded(): void;
  /** The account was just deleted (`DELETE /me`): forget the token here; the shell says so. */
  accountDeleted(): void;
  /** Whether the shell is to say that the account was deleted. */
  deleted: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null | undefined>(() => (tokenStore.get() ? undefined : null));
  const [endedByServer, setEndedByServer] = useState(false);
  const [deleted, setDeleted] = useState(false);
  /** While signing out, the server refusing the token is no news to tell. */
  const signingOut = useRef(false);

  useEffect(() => {
    if (!tokenStore.get()) return;
    let cancelled = false;
    api('GET /me')
      .then((me) => {
        if (!cancelled) setUser(me);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // A refused token is dropped by api.ts; a network failure keeps it for the next load.
        if (!(error instanceof ApiError) || error.status !== 401) setUser(null);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const ended = (event: Event) => {
      setUser(null);
      if (!signingOut.current && (event as SessionEndedEvent).detail?.code === 'token_revoked') setEndedByServer(true);
    };
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  const signIn = useCallback((result: AuthResult) => {
    tokenStore.set(result.accessToken);
    setUser(result.user);
    setEndedByServer(false);
    setDeleted(false);
  }, []);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await api('POST /auth/logout');
    } catch {
      // Refused (already ended) or unreachable: the token is forgotten here all the same.
    } finally {
      signingOut.current = false;
    }
    tokenStore.set(null);
    setUser(null);
  }, []);

  const dismissEnded = useCallback(() => {
    setEndedByServer(false);
    setDeleted(false);
  }, []);

  const accountDeleted = useCallback(() => {
    // Forgotten first: the server closing the account's socket then refuses a token no longer saved, which changes nothing.
    tokenStore.set(null);
    setUser(null);
    setEndedByServer(false);
    setDeleted(true);
  }, []);

  const value = useMemo(
    () => ({ user, signIn, signOut, endedByServer, dismissEnded, accountDeleted, deleted }),
    [user, signIn, signOut, endedByServer, dismissEnded, accountDeleted, deleted],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
