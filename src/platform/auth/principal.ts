/**
 * Who a request acts as, once authenticated: what the audit log records and what the role check
 * reads. Kept small on purpose: capabilities receive it on the request context and never need to
 * know how it was proven (password, session, OIDC, key or the local token).
 */

/** Ordered from least to most: each role can do everything the roles before it can. */
export const ROLES = ['viewer', 'agent', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** `user`: a person (password, OIDC, their session); `key`: an API key; `local`: the CLI on the server's machine. */
  kind: 'user' | 'key' | 'local';
  /** The user's id, the key's id, or `local`. */
  id: string;
  workspace: string;
  role: Role;
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** Whether `role` reaches `least` (the least role an operation needs). */
export function roleAllows(role: Role, least: Role): boolean {
  return roleRank(role) >= roleRank(least);
}
