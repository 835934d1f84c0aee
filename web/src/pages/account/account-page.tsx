import { useEffect, useState } from 'preact/hooks';
import { account } from '../../api/endpoints.ts';
import type { Account, TotpEnrolment } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { messageOf } from '../sign-in/sign-in-page.tsx';

/** The signed-in person's account: their password and the optional second factor (TOTP). */
export function AccountPage() {
  const [me, setMe] = useState<Account | null>(null);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    account.get().then(setMe, (failure: unknown) => setError(messageOf(failure)));
  }, [attempt]);

  const act = async (work: () => Promise<string>) => {
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (failure) {
      setError(messageOf(failure));
    }
    setAttempt((n) => n + 1);
  };

  if (!me) return <section>{error && <p class="form-error">{error}</p>}</section>;
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Account"
        intro={`${me.email}: ${me.workspaces.map((w) => `${w.role} in ${w.id}`).join(', ')}`}
      />
      {message && <p class="notice">{message}</p>}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await account.changePassword(current, password);
            setCurrent('');
            setPassword('');
            return 'The password is changed; your other sessions have ended.';
          });
        }}
      >
        <h2>{me.hasPassword ? 'Change the password' : 'Set a password'}</h2>
        {me.hasPassword && (
          <>
            <label for="current-password">Current password</label>
            <input
              id="current-password"
              type="password"
              autoComplete="current-password"
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          </>
        )}
        <label for="account-password">New password (at least 10 characters)</label>
        <input
          id="account-password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" disabled={password.length < 10}>
          Save the password
        </button>
      </form>
      <h2>Second factor</h2>
      {me.totp ? (
        <form
          onSubmit={(e) => (
            e.preventDefault(),
            void act(async () => (await account.disableTotp(code), setCode(''), 'The second factor is off.'))
          )}
        >
          <p>On: each sign-in asks for a code of your authenticator app.</p>
          <label for="totp-off">Current code, to turn it off</label>
          <input
            id="totp-off"
            inputMode="numeric"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <button type="submit">Turn off</button>
        </form>
      ) : enrolment ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await account.confirmTotp(code);
              setEnrolment(null);
              setCode('');
              return 'The second factor is on: sign-ins now ask for a code.';
            });
          }}
        >
          <p>
            Add this to your authenticator app (open the link on the phone, or type the secret), then enter
            the code it shows.
          </p>
          <p>
            <a href={enrolment.uri} data-testid="otpauth-uri">
              {enrolment.uri}
            </a>
          </p>
          <p>
            Secret: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <label for="totp-confirm">Code</label>
          <input
            id="totp-confirm"
            inputMode="numeric"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <button type="submit">Turn on</button>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => void act(async () => (setEnrolment(await account.startTotp()), ''))}
        >
          Set up a second factor
        </button>
      )}
    </section>
  );
}
