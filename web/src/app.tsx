import { useEffect, useState } from 'preact/hooks';
import { SIGNED_OUT_EVENT } from './api/client.ts';
import { session as sessionApi } from './api/endpoints.ts';
import type { SessionInfo } from './api/types.ts';
import { DataLoadBanner } from './components/data-load-banner.tsx';
import { Loading } from './components/resource-view.tsx';
import { Shell } from './components/shell.tsx';
import { DataLoadContext, useDataLoadPolling } from './lib/data-load.ts';
import { useLocation } from './lib/url-state.ts';
import { linkToken, SignInPage } from './pages/sign-in/sign-in-page.tsx';
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
  // A one-time link (sign-in, invitation, reset) is followed even by a browser already signed in.
  if (session.state === 'signed-out' || linkToken()) {
    return (
      <SignInPage
        reason={session.state === 'signed-out' ? session.reason : undefined}
        onSignedIn={(info) => setSession({ state: 'signed-in', info })}
      />
    );
  }
  return <SignedIn session={session.info} path={location.path} onSession={setSession} />;
}

/** The signed-in dashboard: the shell, the current page and the background load's banner. */
function SignedIn({
  session,
  path,
  onSession,
}: {
  session: SessionInfo;
  path: string;
  onSession: (state: SessionState) => void;
}) {
  const dataLoad = useDataLoadPolling();
  // As data lands, the session's counts (the first-run help) and the page are read again.
  useEffect(() => {
    if (dataLoad.epoch === 0) return;
    sessionApi.get().then(
      (info) => onSession({ state: 'signed-in', info }),
      () => undefined,
    );
  }, [dataLoad.epoch]);
  const route = resolveRoute(path);
  const signOut = async () => {
    await sessionApi.signOut().catch(() => undefined);
    onSession({ state: 'signed-out', reason: 'You have signed out.' });
  };
  return (
    <SessionContext.Provider value={session}>
      <DataLoadContext.Provider value={dataLoad}>
        <Shell
          path={path}
          workspace={session.workspace.name}
          allowed={session.allowed}
          person={
            session.principal.kind === 'user' && session.principal.email
              ? { email: session.principal.email, role: session.principal.role }
              : null
          }
          onSignOut={signOut}
          banner={<DataLoadBanner load={dataLoad.load} />}
        >
          {route ? <route.page key={`${path}#${dataLoad.epoch}`} params={route.params} /> : <NotFound />}
        </Shell>
      </DataLoadContext.Provider>
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
