import { useState } from 'preact/hooks';
import { session } from '../../api/endpoints.ts';
import { messageOf } from './sign-in-page.tsx';

/** Sign-in with a secret key, for a machine's operator (the key's role applies). */
export function KeySignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(key.trim());
      await onSignedIn();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    // Open: machines' operators and the earlier sign-in by key keep working as they did.
    <details class="key-sign-in" open>
      <summary>Sign in with an API key</summary>
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
        />
        <p id="key-help" class="help">
          A secret key (<code>cx_secret_…</code>) made on the Keys page or by <code>cxloop keys create</code>;
          it acts with the role it was made with. The ingest key cannot sign in: it can only send data.
        </p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </details>
  );
}
