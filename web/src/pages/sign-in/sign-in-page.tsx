import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client.ts';
import { session } from '../../api/endpoints.ts';
import type { SessionInfo } from '../../api/types.ts';

const COOKIE_REFUSED =
  'Signed in, but the browser did not keep the session cookie. Cookies are Secure: open the dashboard over HTTPS, or on localhost.';

/** Sign-in with the workspace's secret key, exchanged for an http-only session cookie. */
export function SignInPage({
  reason,
  onSignedIn,
}: {
  reason?: string;
  onSignedIn: (info: SessionInfo) => void;
}) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(key.trim());
      // The reply set the cookie; reading the session back proves the browser kept it.
      const info = await session.get().catch(() => null);
      if (!info) setError(COOKIE_REFUSED);
      else onSignedIn(info);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1 id="page-title">Sign in to cxloop</h1>
      {reason && <p class="notice">{reason}</p>}
      <form onSubmit={submit} aria-describedby="key-help">
        <label for="secret-key">Secret key</label>
        <input
          id="secret-key"
          name="key"
          type="password"
          autoComplete="off"
          spellcheck={false}
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <p id="key-help" class="help">
          The workspace's secret key (<code>cx_secret_…</code>), printed when the server starts and listed by{' '}
          <code>cxloop keys list</code>. The ingest key cannot sign in: it can only send data.
        </p>
        {error && (
          <p id="sign-in-error" class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
