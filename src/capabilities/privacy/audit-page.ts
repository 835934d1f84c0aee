import { InputError } from '../../core/issues.ts';
import { parseWindow } from '../../platform/time/window.ts';
import type { Services } from '../graph.ts';
import type { AuditEntry } from './audit-log.ts';

const WEEK = 7 * 86_400_000;

/**
 * One page of GET /v1/audit from its query strings: the route and the CLI (on the database file)
 * give the same answer. A period with only one end gets the other from the usual default
 * (a week before `to`, or now).
 */
export async function auditPage(
  services: Services,
  workspaceId: string,
  q: Record<string, string | number | undefined>,
): Promise<{ entries: AuditEntry[]; next: string | null; population: string }> {
  const str = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined);
  let period: { from: number; to: number } | null = null;
  if (str('from') || str('to')) {
    const now = services.now();
    const parsed = parseWindow(
      str('from') ?? new Date(now - WEEK).toISOString(),
      str('to') ?? new Date(now).toISOString(),
    );
    if (!parsed.window) throw new InputError(parsed.issues);
    period = { from: parsed.window.from.getTime(), to: parsed.window.to.getTime() };
  }
  const filters = (['actor', 'operation', 'target', 'customer'] as const).filter((k) => str(k));
  const page = await services.privacy.audit.list(workspaceId, {
    ...Object.fromEntries(filters.map((k) => [k, str(k)!])),
    ...(period ?? {}),
    limit: Number(q.limit ?? 100),
    ...(str('cursor') ? { cursor: str('cursor')! } : {}),
  });
  const population =
    `audit entries of workspace ${workspaceId}` +
    (period
      ? `, ${new Date(period.from).toISOString()} to ${new Date(period.to).toISOString()}`
      : ', all time') +
    (filters.length ? `, filtered by ${filters.join(', ')}` : '');
  return { ...page, population };
}
