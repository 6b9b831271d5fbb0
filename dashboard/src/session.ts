import type { Session } from './api';

const KEY = 'heard.dashboard.session';

/** The signed-in session, kept for this tab only (sessionStorage), never in a URL. */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Partial<Session>;
    return typeof session.endpoint === 'string' && typeof session.secretKey === 'string'
      ? { endpoint: session.endpoint, secretKey: session.secretKey }
      : null;
  } catch {
    return null;
  }
}

/** Keeps the session for this tab, or forgets it (`null`). */
export function saveSession(session: Session | null): void {
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {}
}
