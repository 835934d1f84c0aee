import { useEffect, useState } from 'preact/hooks';
import { SIGNED_OUT_EVENT } from './api/client.ts';
import { session as sessionApi } from './api/endpoints.ts';
import type { SessionInfo } from './api/types.ts';
import { Loading } from './components/resource-view.tsx';
import { Shell } from './components/shell.tsx';
import { useLocation } from './lib/url-state.ts';
import { SignInPage } from './pages/sign-in/sign-in-page.tsx';
import { resolveRoute } from './routes.ts';
import { SessionContext } from './session-context.ts';

type SessionState =
  | { state: 'checking' }
  | { state: 'signed-out'; reason?: string }
  | { state: 'signed-in'; info: SessionInfo };

export function App() {
  const [session, setSession] = useState<SessionState>({ state: 'checking' });
  const location = useLocation();

  useEffect(() => {
    sessionApi.get().then(
      (info) => setSession({ state: 'signed-in', info }),
      () => setSession({ state: 'signed-out' }),
    );
    const expired = () =>
      setSession({ state: 'signed-out', reason: 'Your session has ended; sign in again.' });
    window.addEventListener(SIGNED_OUT_EVENT, expired);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, expired);
  }, []);

  if (session.state === 'checking') return <Loading label="your session" />;
  if (session.state === 'signed-out') {
    return (
      <SignInPage reason={session.reason} onSignedIn={(info) => setSession({ state: 'signed-in', info })} />
    );
  }
  const route = resolveRoute(location.path);
  const signOut = async () => {
    await sessionApi.signOut().catch(() => undefined);
    setSession({ state: 'signed-out', reason: 'You have signed out.' });
  };
  return (
    <SessionContext.Provider value={session.info}>
      <Shell path={location.path} workspace={session.info.workspace.name} onSignOut={signOut}>
        {route ? <route.page key={location.path} params={route.params} /> : <NotFound />}
      </Shell>
    </SessionContext.Provider>
  );
}

function NotFound() {
  return (
    <section>
      <h1 id="page-title" tabIndex={-1}>
        No such page
      </h1>
      <p>
        There is no page at this address. <a href="/">Go to the journey map.</a>
      </p>
    </section>
  );
}
