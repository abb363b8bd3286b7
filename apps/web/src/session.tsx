import { createContext, useContext } from 'react';
import type { Claims } from './auth';

export interface Session {
  token: string;
  claims: Claims;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}

/** Navigation without a reload (the gateway serves the shell for every page path). */
export function navigate(to: string): void {
  history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
