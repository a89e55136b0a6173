import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { clearToken, loadToken, storeToken } from './session';
import { decodeToken, isExpired, type TokenClaims } from './token';

export type AuthNotice = 'notice.sessionEnded' | 'notice.expired' | 'notice.signedOut';
export type SignInError = 'signIn.invalidToken' | 'signIn.expiredToken';

export interface Auth {
  token: string | null;
  claims: TokenClaims | null;
  /** Why the user is (back) on the sign-in page, if there is something to say. */
  notice: AuthNotice | null;
  /** Keeps `token` for the session; returns why it was refused, or null. */
  signIn(token: string): SignInError | null;
  signOut(notice?: AuthNotice): void;
}

interface State {
  token: string | null;
  claims: TokenClaims | null;
  notice: AuthNotice | null;
}

function initialState(): State {
  const token = loadToken();
  if (!token) return { token: null, claims: null, notice: null };
  const claims = decodeToken(token);
  if (!claims || isExpired(claims, Date.now())) {
    clearToken();
    return { token: null, claims: null, notice: claims ? 'notice.expired' : null };
  }
  return { token, claims, notice: null };
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>(initialState);

  const signIn = useCallback((raw: string): SignInError | null => {
    const token = raw.trim();
    const claims = decodeToken(token);
    if (!claims) return 'signIn.invalidToken';
    if (isExpired(claims, Date.now())) return 'signIn.expiredToken';
    storeToken(token);
    setState({ token, claims, notice: null });
    return null;
  }, []);

  const signOut = useCallback((notice: AuthNotice = 'notice.signedOut') => {
    clearToken();
    setState({ token: null, claims: null, notice });
  }, []);

  // Leave when the token expires rather than on the next failing request.
  const exp = state.claims?.exp ?? null;
  useEffect(() => {
    if (exp === null) return;
    const ms = exp * 1000 - Date.now();
    if (ms > 2 ** 31 - 1) return; // beyond setTimeout's range; the API will say 401
    const timer = window.setTimeout(() => signOut('notice.expired'), Math.max(ms, 0));
    return () => window.clearTimeout(timer);
  }, [exp, signOut]);

  const value = useMemo<Auth>(() => ({ ...state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
