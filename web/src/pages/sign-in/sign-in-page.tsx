import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client.ts';
import { session } from '../../api/endpoints.ts';
import type { SessionInfo } from '../../api/types.ts';
import { KeySignIn } from './key-sign-in.tsx';
import { LinkForm } from './link-form.tsx';

const COOKIE_REFUSED =
  'Signed in, but the browser did not keep the session cookie. Cookies are Secure: open the dashboard over HTTPS, or on localhost.';

/** The token of a one-time link (`/sign-in#token=…`, `/invite#token=…`, `/reset#token=…`), read from the fragment so it never reaches a server log. */
export function linkToken(): { kind: 'sign-in' | 'invite' | 'reset'; token: string } | null {
  const token = /^#token=([A-Za-z0-9_-]+)$/.exec(window.location.hash)?.[1];
  const kind = window.location.pathname.replace(/^\//, '');
  if (!token || (kind !== 'sign-in' && kind !== 'invite' && kind !== 'reset')) return null;
  return { kind, token };
}

export const messageOf = (failure: unknown) =>
  failure instanceof ApiFailure || failure instanceof Error ? failure.message : String(failure);

/**
 * Signing in: email and password (then the authenticator's code when the person turned TOTP on),
 * a one-time link (first start, invitation, password reset), or a machine's secret key. Every way
 * ends in the same http-only session cookie; reading the session back proves the browser kept it.
 */
export function SignInPage({
  reason,
  onSignedIn,
}: {
  reason?: string;
  onSignedIn: (info: SessionInfo) => void;
}) {
  const [link] = useState(linkToken);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const finish = async () => {
    const info = await session.get().catch(() => null);
    if (!info) return setError(COOKIE_REFUSED);
    window.history.replaceState(null, '', '/');
    onSignedIn(info);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  // A sign-in link signs in by itself, once.
  useEffect(() => {
    if (link?.kind === 'sign-in')
      void run(async () => (await session.signInLink(link.token), await finish()));
  }, []);

  if (link?.kind === 'invite' || link?.kind === 'reset')
    return <LinkForm kind={link.kind} token={link.token} onSignedIn={finish} />;

  const submitPassword = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const reply = await session.signInWithPassword(email.trim(), password);
      if ('totpRequired' in reply) setChallenge(reply.challenge);
      else await finish();
    });
  };

  const submitCode = (event: Event) => {
    event.preventDefault();
    if (!challenge) return;
    void run(async () => {
      try {
        await session.signInTotp(challenge, code.trim());
        await finish();
      } catch (failure) {
        // A wrong code spends the challenge: the password is asked again.
        setChallenge(null);
        setCode('');
        throw failure;
      }
    });
  };

  const forgot = () =>
    void run(async () => {
      await session.requestReset(email.trim());
      setNotice(
        `If ${email.trim()} is a user, a link to set a new password is on its way (it works once, for an hour).`,
      );
    });

  return (
    <main id="main" class="sign-in">
      <h1 id="page-title">Sign in to cxloop</h1>
      {reason && <p class="notice">{reason}</p>}
      {notice && <p class="notice">{notice}</p>}
      {challenge ? (
        <form onSubmit={submitCode}>
          <label for="totp-code">Code from your authenticator app</label>
          <input
            id="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy || code.trim().length < 6}>
            Verify the code
          </button>
        </form>
      ) : (
        <form onSubmit={submitPassword}>
          <label for="email">Email</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <label for="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          {error && (
            <p id="sign-in-error" class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy || !email.trim() || !password}>
            {busy ? 'Checking…' : 'Continue'}
          </button>
          <button type="button" class="link-button" disabled={busy || !email.trim()} onClick={forgot}>
            Forgot the password?
          </button>
        </form>
      )}
      <KeySignIn onSignedIn={finish} />
    </main>
  );
}
