// Where the token lives: sessionStorage (this tab only, gone when it closes).
import { readFragmentToken } from './token';

const TOKEN_KEY = 'meic.dashboard.token';

export function loadToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage disabled: the token lives in memory until the page reloads.
  }
}

export function clearToken(): void {
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
}

/**
 * Takes a token handed over as `#token=<JWT>`: keeps it for the session and removes it
 * from the address bar (and so from history), before anything renders.
 * Returns the token, or null when the fragment carries none.
 */
export function adoptFragmentToken(): string | null {
  const found = readFragmentToken(window.location.hash);
  if (!found) return null;
  storeToken(found.token);
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', pathname + search + found.remainingHash);
  return found.token;
}
