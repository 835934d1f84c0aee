import { useEffect, useState } from 'preact/hooks';
import { people } from '../../api/endpoints.ts';
import type { Invitation, Member, Role } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { messageOf } from '../sign-in/sign-in-page.tsx';

const ROLES: Role[] = ['viewer', 'agent', 'analyst', 'admin'];
const WHAT: Record<Role, string> = {
  viewer: 'aggregates only, no customer-level data',
  agent: 'plus customers and their timelines',
  analyst: 'plus analyses, imports, journey and survey edits',
  admin: 'plus users, keys and settings',
};

/** The workspace's members (admins only): invite by email with a role, change a role, remove. */
export function UsersPage() {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [invited, setInvited] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    people.list(controller.signal).then(
      (reply) => setMembers(reply.users),
      (failure: unknown) => !controller.signal.aborted && setError(messageOf(failure)),
    );
    return () => controller.abort();
  }, [attempt]);

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    }
    setAttempt((n) => n + 1);
  };

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Users"
        intro="People who sign in to this workspace, and what their role lets them do."
      />
      <form
        class="invite"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            setInvited(await people.invite(email.trim(), role));
            setEmail('');
          });
        }}
      >
        <label for="invite-email">Email</label>
        <input
          id="invite-email"
          type="email"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="invite-role">Role</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}: {WHAT[r]}
            </option>
          ))}
        </select>
        <button type="submit">Invite</button>
      </form>
      {invited && (
        <p class="notice" data-testid="invitation">
          Invited {invited.email} as {invited.role}. The link is mailed; it is also here, to pass on if mail
          is not set up (it works once, for a week): <code>{invited.link}</code>
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {members && (
        <table>
          <caption>{members.length} members of this workspace</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Second factor</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.email}</td>
                <td>{m.name}</td>
                <td>
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) => void act(() => people.setRole(m.id, e.currentTarget.value as Role))}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{m.totp ? 'on' : 'off'}</td>
                <td>
                  <button type="button" onClick={() => void act(() => people.remove(m.id))}>
                    Remove {m.email}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
