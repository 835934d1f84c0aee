import { DomainError } from '../../platform/errors.ts';
import { JobRunner } from '../../platform/jobs/runner.ts';
import type { EmailSender } from '../../platform/messaging/email.ts';
import { Messenger } from '../../platform/messaging/messenger.ts';
import type { Principal, Role } from '../../platform/auth/principal.ts';
import type { SqlStatement, Store } from '../../platform/store/port.ts';
import { oneOf, row, text } from '../../platform/store/rows.ts';
import { ROLES } from '../../platform/auth/principal.ts';
import { OneTimeLinks, type LinkPurpose } from './links.ts';
import { emailStatement, peopleEmailJob } from './mail.ts';
import { hashPassword, PASSWORD_MIN, verifyPassword } from './passwords.ts';
import { UserSessions, type UserSession } from './sessions.ts';
import { newId } from './tokens.ts';
import { checkTotp, newTotp } from './totp.ts';
import { normalEmail, UserQueries, type User } from './users.ts';

export interface PeopleConfig {
  /** Base of the links in emails; the server's own URL when unset (set once it listens). */
  publicUrl?: string;
  /** The email of the admin the first start creates. */
  adminEmail: string;
  /** The SMTP sender for invitations and resets; null: they wait (and retry) until one is configured. */
  sender?: () => EmailSender | null;
}

export type SignInOutcome =
  { kind: 'session'; token: string; session: UserSession } | { kind: 'totp'; challenge: string };

/** The one reply to a wrong password and to an unknown email, so neither tells which it was. */
const WRONG = () =>
  new DomainError('unauthorized', 'the email or the password is wrong', { code: 'wrong_credentials' });

/**
 * People who sign in: users (one per email, in several workspaces with a role in each), their
 * sessions, passwords (Argon2id), one-time links (invitations, resets, sign-in links) mailed by a
 * durable job, an optional TOTP second factor, and the roles of API keys that users create.
 */
export class PeopleService {
  readonly users: UserQueries;
  readonly sessions: UserSessions;
  readonly links: OneTimeLinks;
  /** Runs the mail jobs: a server starts its loop, a test calls `runDue()`. */
  readonly mail: JobRunner;
  private baseUrl: string;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly config: PeopleConfig,
  ) {
    this.users = new UserQueries(store);
    this.sessions = new UserSessions(store);
    this.links = new OneTimeLinks(store);
    this.baseUrl = config.publicUrl ?? 'http://localhost:3000';
    this.mail = new JobRunner(store, { now }).register(
      peopleEmailJob({
        sender: config.sender ?? (() => null),
        messenger: new Messenger(store, now),
        sealer: store.sealer,
      }),
    );
  }

  /** The server's own URL, for links, unless a public URL is configured. */
  listeningAt(url: string): void {
    if (!this.config.publicUrl) this.baseUrl = url;
  }

  link(path: string, token: string): string {
    return `${this.baseUrl.replace(/\/$/, '')}${path}#token=${token}`;
  }

  /** A person's password sign-in: the same refusal for an unknown email and a wrong password. */
  async signIn(email: string, password: string, workspace?: string): Promise<SignInOutcome> {
    const user = await this.users.byEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) throw WRONG();
    const workspaceId = await this.workspaceFor(user, workspace);
    if (user.totpEnabledAt !== null) {
      const { token, statement } = this.links.create(
        { purpose: 'totp', workspaceId, userId: user.id, email: user.email, role: null },
        this.now(),
      );
      await this.store.write([statement]);
      return { kind: 'totp', challenge: token };
    }
    return { kind: 'session', ...(await this.sessions.create(user.id, workspaceId, this.now())) };
  }

  /** The second step: the challenge from `signIn` and a code of the authenticator app. */
  async finishTotp(challenge: string, code: string): Promise<SignInOutcome> {
    const link = await this.links.use(challenge, 'totp', this.now());
    const user = link.userId ? await this.users.byId(link.userId) : null;
    if (!user?.totpSecret || !checkTotp(this.openSecret(user.totpSecret), code, this.now()))
      throw new DomainError('unauthorized', 'the code is wrong; sign in again', { code: 'wrong_code' });
    return { kind: 'session', ...(await this.sessions.create(user.id, link.workspaceId, this.now())) };
  }

  /** A sign-in link (first start, `cxloop users link`): opens a session for its user, once. */
  async useSignInLink(token: string) {
    const link = await this.links.use(token, 'sign-in', this.now());
    if (!link.userId) throw new DomainError('invalid', 'this link is not known', { code: 'link_unknown' });
    return this.sessions.create(link.userId, link.workspaceId, this.now());
  }

  private async workspaceFor(user: User, requested?: string): Promise<string> {
    const memberships = await this.users.workspacesOf(user.id);
    const chosen = requested ? memberships.find((m) => m.id === requested) : memberships[0];
    // A user with no membership (all removed) cannot sign in; the reply is the same as a wrong password.
    if (!chosen) throw WRONG();
    return chosen.id;
  }

  /** Mails a reset link when the email is a user's; the same (empty) answer either way. */
  async requestReset(email: string): Promise<void> {
    const user = await this.users.byEmail(email);
    if (!user) return;
    const [workspace] = await this.users.workspacesOf(user.id);
    if (!workspace) return;
    const now = this.now();
    const { token, statement } = this.links.create(
      { purpose: 'reset', workspaceId: workspace.id, userId: user.id, email: user.email, role: null },
      now,
    );
    const text = `Someone asked to reset the password of ${user.email} on cxloop.\n\nSet a new one here (the link works once, for an hour):\n${this.link('/reset', token)}\n\nIf it was not you, ignore this email: your password stays as it is.`;
    await this.store.write([
      statement,
      emailStatement(
        workspace.id,
        { to: user.email, subject: 'Reset your cxloop password', text },
        this.store.sealer,
        now,
      ),
    ]);
  }

  /** Sets the password of the link's user and ends every session they had. */
  async confirmReset(token: string, password: string): Promise<void> {
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    const link = await this.links.use(token, 'reset', this.now());
    if (!link.userId) throw new DomainError('invalid', 'this link is not known', { code: 'link_unknown' });
    await this.store.write([
      { sql: 'UPDATE users SET password_hash = $2 WHERE id = $1', params: [link.userId, passwordHash] },
      this.sessions.revokeAllStatement(link.userId),
    ]);
  }

  /**
   * Invites an email into a workspace with a role, mailing a link (valid a week); the reply also
   * carries the link, for an admin without mail set up to pass on.
   */
  async invite(by: Principal, email: string, role: Role): Promise<{ link: string; expiresAt: number }> {
    const now = this.now();
    const existing = await this.users.byEmail(email);
    if (existing && (await this.users.roleIn(by.workspace, existing.id)))
      throw new DomainError('conflict', `${normalEmail(email)} is already a member of this workspace`, {
        code: 'already_member',
        issues: [{ path: 'email', code: 'already_member', message: 'already a member' }],
      });
    const { token, statement } = this.links.create(
      { purpose: 'invitation', workspaceId: by.workspace, userId: null, email: normalEmail(email), role },
      now,
    );
    const link = this.link('/invite', token);
    const text = `You are invited to the cxloop workspace "${by.workspace}" as ${role}.\n\nAccept here (the link works once, for a week):\n${link}`;
    await this.store.write([
      statement,
      emailStatement(
        by.workspace,
        { to: normalEmail(email), subject: 'Your invitation to cxloop', text },
        this.store.sealer,
        now,
      ),
    ]);
    return { link, expiresAt: now + 7 * 24 * 60 * 60_000 };
  }

  /**
   * Accepts an invitation: a new user with the name and password given, or a membership for the
   * user who already has this email (their password stays; `password` is then not needed).
   */
  async acceptInvitation(token: string, name: string | undefined, password: string | undefined) {
    if (password !== undefined) checkPassword(password);
    const passwordHash = password === undefined ? null : await hashPassword(password);
    const link = await this.links.use(token, 'invitation', this.now());
    const now = this.now();
    const existing = await this.users.byEmail(link.email);
    const userId = existing?.id ?? newId('usr_');
    const statements: SqlStatement[] = [];
    if (!existing) {
      statements.push(
        this.users.insertUser(
          { id: userId, email: link.email, name: name?.trim() || link.email, passwordHash },
          now,
        ),
      );
    }
    statements.push(this.users.insertMembership(link.workspaceId, userId, link.role ?? 'viewer', now));
    await this.store.write(statements);
    return this.sessions.create(userId, link.workspaceId, now);
  }

  /** Changes a member's role; the last admin cannot be demoted (the workspace would lose its admin). */
  async setRole(workspaceId: string, userId: string, role: Role): Promise<void> {
    const current = await this.users.roleIn(workspaceId, userId);
    if (!current) throw new DomainError('not_found', 'no such member in this workspace');
    if (current === 'admin' && role !== 'admin') await this.keepAnAdmin(workspaceId);
    await this.store.write([
      {
        sql: 'UPDATE memberships SET role = $3 WHERE workspace_id = $1 AND user_id = $2',
        params: [workspaceId, userId, role],
      },
    ]);
  }

  /** Removes a member from the workspace and ends their sessions there. */
  async remove(workspaceId: string, userId: string): Promise<void> {
    const current = await this.users.roleIn(workspaceId, userId);
    if (!current) throw new DomainError('not_found', 'no such member in this workspace');
    if (current === 'admin') await this.keepAnAdmin(workspaceId);
    await this.store.write([
      {
        sql: 'DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2',
        params: [workspaceId, userId],
      },
      this.sessions.revokeAllStatement(userId, workspaceId),
    ]);
  }

  private async keepAnAdmin(workspaceId: string) {
    const admins = (await this.users.members(workspaceId)).filter((m) => m.role === 'admin');
    if (admins.length <= 1)
      throw new DomainError('conflict', 'this is the last admin of the workspace: make another admin first', {
        code: 'last_admin',
      });
  }

  /** A signed-in user changes their password: the current one is checked (unless they have none yet). */
  async changePassword(
    userId: string,
    current: string | undefined,
    password: string,
    keepToken: string | null,
  ) {
    checkPassword(password);
    const user = await this.users.byId(userId);
    if (!user) throw new DomainError('not_found', 'no such user');
    if (user.passwordHash !== null && !(await verifyPassword(user.passwordHash, current ?? '')))
      throw new DomainError('invalid', 'the current password is wrong', {
        code: 'wrong_password',
        issues: [{ path: 'current', code: 'wrong_password', message: 'the current password is wrong' }],
      });
    const passwordHash = await hashPassword(password);
    // Other sessions end (someone who knew the old password is out); this one stays.
    const statements: SqlStatement[] = [
      { sql: 'UPDATE users SET password_hash = $2 WHERE id = $1', params: [userId, passwordHash] },
    ];
    statements.push(
      keepToken === null
        ? this.sessions.revokeAllStatement(userId)
        : {
            sql: 'DELETE FROM user_sessions WHERE user_id = $1 AND token_hash <> $2',
            params: [userId, (await import('./tokens.ts')).hashToken(keepToken)],
          },
    );
    await this.store.write(statements);
  }

  /** Starts a TOTP enrolment: a new secret, kept until confirmed with a code (then it is on). */
  async startTotp(userId: string): Promise<{ secret: string; uri: string }> {
    const user = await this.users.byId(userId);
    if (!user) throw new DomainError('not_found', 'no such user');
    if (user.totpEnabledAt !== null)
      throw new DomainError('conflict', 'the second factor is on already; turn it off first', {
        code: 'totp_on',
      });
    const totp = newTotp(user.email);
    await this.store.write([
      {
        sql: 'UPDATE users SET totp_secret = $2 WHERE id = $1',
        params: [userId, this.sealSecret(totp.secret)],
      },
    ]);
    return totp;
  }

  async confirmTotp(userId: string, code: string): Promise<void> {
    const user = await this.users.byId(userId);
    if (!user?.totpSecret)
      throw new DomainError('conflict', 'start the enrolment first', { code: 'totp_not_started' });
    if (!checkTotp(this.openSecret(user.totpSecret), code, this.now())) throw wrongCode();
    await this.store.write([
      { sql: 'UPDATE users SET totp_enabled_at = $2 WHERE id = $1', params: [userId, new Date(this.now())] },
    ]);
  }

  /** Turns the second factor off, with a current code (a stolen session alone cannot). */
  async disableTotp(userId: string, code: string): Promise<void> {
    const user = await this.users.byId(userId);
    if (!user?.totpSecret || user.totpEnabledAt === null)
      throw new DomainError('conflict', 'the second factor is not on', { code: 'totp_off' });
    if (!checkTotp(this.openSecret(user.totpSecret), code, this.now())) throw wrongCode();
    await this.store.write([
      { sql: 'UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL WHERE id = $1', params: [userId] },
    ]);
  }

  private sealSecret(secret: string) {
    return this.store.sealer ? this.store.sealer.seal(secret) : secret;
  }

  private openSecret(stored: string) {
    return this.store.sealer?.isSealed(stored) ? this.store.sealer.open(stored) : stored;
  }

  /** The principal of a person's session, with their role in the session's workspace now. */
  async principalOfSession(token: string): Promise<{ principal: Principal; session: UserSession } | null> {
    const session = await this.sessions.find(token, this.now());
    if (!session) return null;
    const role = await this.users.roleIn(session.workspaceId, session.userId);
    if (!role) return null;
    return { principal: { kind: 'user', id: session.userId, workspace: session.workspaceId, role }, session };
  }

  /** The role a key was scoped to by the user who made it; keys made by the CLI or the first start act as admin. */
  async keyRole(keyId: string): Promise<Role> {
    const [r] = await this.store.readRows(
      row({ role: oneOf(...ROLES), created_by: text }),
      'SELECT role, created_by FROM key_scopes WHERE key_id = $1',
      [keyId],
    );
    return r?.role ?? 'admin';
  }

  keyScopeStatement(keyId: string, workspaceId: string, role: Role, createdBy: string): SqlStatement {
    return {
      sql: 'INSERT INTO key_scopes (key_id, workspace_id, role, created_by) VALUES ($1, $2, $3, $4)',
      params: [keyId, workspaceId, role, createdBy],
    };
  }

  /**
   * The first start's admin (the configured email, a member with no password yet) and a one-time
   * sign-in link for them; null when the workspace has members already (a later start). A lost
   * link is made again with `cxloop users link EMAIL`.
   */
  async firstAdminLink(workspaceId: string): Promise<{ email: string; link: string } | null> {
    const now = this.now();
    if ((await this.users.members(workspaceId)).length > 0) return null;
    const existing = await this.users.byEmail(this.config.adminEmail);
    const userId = existing?.id ?? newId('usr_');
    const email = normalEmail(this.config.adminEmail);
    const statements: SqlStatement[] = [];
    if (!existing)
      statements.push(this.users.insertUser({ id: userId, email, name: 'Admin', passwordHash: null }, now));
    statements.push(this.users.insertMembership(workspaceId, userId, 'admin', now));
    const link = this.signInLinkStatement(workspaceId, userId, email, now);
    statements.push(link.statement);
    await this.store.write(statements);
    return { email, link: this.link('/sign-in', link.token) };
  }

  /** A one-time sign-in link for a member (`cxloop users link`: the recovery when a password is lost). */
  async signInLinkFor(workspaceId: string, email: string): Promise<string> {
    const user = await this.users.byEmail(email);
    if (!user || !(await this.users.roleIn(workspaceId, user.id)))
      throw new DomainError('not_found', `${normalEmail(email)} is not a member of workspace ${workspaceId}`);
    const link = this.signInLinkStatement(workspaceId, user.id, user.email, this.now());
    await this.store.write([link.statement]);
    return this.link('/sign-in', link.token);
  }

  private signInLinkStatement(workspaceId: string, userId: string, email: string, now: number) {
    const purpose: LinkPurpose = 'sign-in';
    return this.links.create({ purpose, workspaceId, userId, email, role: null }, now);
  }

  /** Adds a user with a password directly (the CLI, tests): no mail, no link. */
  async addUser(workspaceId: string, email: string, role: Role, password: string | null, name?: string) {
    if (password !== null) checkPassword(password);
    const now = this.now();
    const existing = await this.users.byEmail(email);
    const userId = existing?.id ?? newId('usr_');
    const statements: SqlStatement[] = [];
    if (!existing)
      statements.push(
        this.users.insertUser(
          {
            id: userId,
            email,
            name: name ?? email,
            passwordHash: password === null ? null : await hashPassword(password),
          },
          now,
        ),
      );
    statements.push(this.users.insertMembership(workspaceId, userId, role, now));
    await this.store.write(statements);
    return userId;
  }
}

function wrongCode() {
  return new DomainError('invalid', 'the code is wrong', {
    code: 'wrong_code',
    issues: [{ path: 'code', code: 'wrong_code', message: 'not the current code of the authenticator app' }],
  });
}

export function checkPassword(password: string) {
  if (password.length < PASSWORD_MIN)
    throw new DomainError('invalid', `the password needs at least ${PASSWORD_MIN} characters`, {
      code: 'password_too_short',
      issues: [{ path: 'password', code: 'too_short', message: `at least ${PASSWORD_MIN} characters` }],
    });
}
