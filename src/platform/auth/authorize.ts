import { DomainError } from '../errors.ts';
import { accessOf } from './access.ts';
import { roleAllows, type Principal } from './principal.ts';

/**
 * The one role check: whether `principal` may call `operation` (OPERATION_ACCESS). `ingestKey`
 * says the principal is an ingest key, which reaches the `ingest` operations only (its kind is
 * checked before, by the route's key middleware). The refusal names the operation and the role it needs.
 */
export function authorize(principal: Principal, operation: string, ingestKey: boolean): void {
  const access = accessOf(operation);
  if (access === 'public') return;
  if (access === 'ingest' && ingestKey) return;
  const least = access === 'ingest' ? 'analyst' : access;
  if (!ingestKey && roleAllows(principal.role, least)) return;
  throw new DomainError(
    'forbidden',
    `${operation} needs the ${least} role; ${ingestKey ? 'an ingest key' : `this ${principal.kind === 'user' ? 'user' : principal.kind === 'key' ? 'key' : 'caller'} is ${principal.role}`}`,
    { code: 'role_forbidden' },
  );
}

/** Every operation of `operations` that `principal` may call, for the dashboard to hide the rest. */
export function allowedOperations(principal: Principal, operations: Iterable<string>): string[] {
  const allowed: string[] = [];
  for (const operation of operations) {
    try {
      authorize(principal, operation, false);
      allowed.push(operation);
    } catch {
      // not allowed: left out
    }
  }
  return allowed;
}
