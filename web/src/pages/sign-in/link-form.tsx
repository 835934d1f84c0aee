import { useState } from 'preact/hooks';
import { session } from '../../api/endpoints.ts';
import { messageOf } from './sign-in-page.tsx';

/** An invitation (name and password, then signed in) or a password reset (a new password, then sign in). */
export function LinkForm({
  kind,
  token,
  onSignedIn,
}: {
  kind: 'invite' | 'reset';
  token: string;
  onSignedIn: () => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      if (kind === 'invite') {
        await session.acceptInvitation(token, name.trim(), password);
        await onSignedIn();
      } else {
        await session.confirmReset(token, password);
        setDone(true);
      }
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1 id="page-title">{kind === 'invite' ? 'Join cxloop' : 'Set a new password'}</h1>
      {done ? (
        <p class="notice">
          The password is set and every earlier session has ended. <a href="/">Sign in with it.</a>
        </p>
      ) : (
        <form onSubmit={submit}>
          {kind === 'invite' && (
            <>
              <label for="name">Your name</label>
              <input id="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </>
          )}
          <label for="new-password">Password (at least 10 characters)</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={password.length < 10}>
            {kind === 'invite' ? 'Join' : 'Set the password'}
          </button>
        </form>
      )}
    </main>
  );
}
