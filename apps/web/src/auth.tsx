import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { AuthResult, UserView } from '@balai/contracts';
import { api, ApiError, SESSION_ENDED, tokenStore } from './api';

interface AuthState {
  /** undefined while the saved token is being checked. */
  user: UserView | null | undefined;
  signIn(result: AuthResult): void;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null | undefined>(() => (tokenStore.get() ? undefined : null));

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
    const ended = () => setUser(null);
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  const signIn = useCallback((result: AuthResult) => {
    tokenStore.set(result.accessToken);
    setUser(result.user);
  }, []);

  const signOut = useCallback(() => {
    tokenStore.set(null);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
