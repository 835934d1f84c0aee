import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SessionInfo } from './api/types.ts';

export const SessionContext = createContext<SessionInfo | null>(null);

/** The signed-in workspace; pages render only inside a session. */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in shell');
  return session;
}

/** A workspace that has received no data yet gets the first-run help instead of empty charts. */
export const hasNoData = (session: SessionInfo) => session.counts.events + session.counts.feedback === 0;
