import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { createKey } from '../../src/capabilities/workspaces/keys.ts';

/**
 * What the attack suite shares: two workspaces made in the database before a real server starts,
 * one (`victim`) seeded with data carrying a marker that must never reach the other (`attacker`),
 * and a tally per area printed at the end.
 */

export const MARKER = 'VICTIMMARKER';
/** Ids are echoed in 404 messages, so they do not carry the marker; the data does. */
export const VICTIM_CUSTOMER = 'victim-customer-1';
export const VICTIM_SURVEY = 'victim-survey';

export interface Keys {
  ingest: string;
  secret: string;
}

export async function prepareWorkspaces(db: string): Promise<Record<'victim' | 'attacker', Keys>> {
  const store = await DuckDbStore.open(db, MIGRATIONS);
  const now = Date.now();
  const keys = {} as Record<'victim' | 'attacker', Keys>;
  try {
    for (const ws of ['victim', 'attacker'] as const) {
      await store.createWorkspace(ws, ws, now);
      keys[ws] = {
        ingest: (await createKey(store, ws, 'ingest', now)).key,
        secret: (await createKey(store, ws, 'secret', now)).key,
      };
    }
  } finally {
    await store.close();
  }
  return keys;
}

export interface Reply {
  status: number;
  text: string;
}

export async function call(
  url: string,
  method: string,
  path: string,
  key: string | null,
  body?: string,
  contentType = 'application/json',
): Promise<Reply> {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': contentType }),
      origin: url, // as the dashboard would: the cookie-less CSRF check is not what is tested here
    },
    ...(body === undefined ? {} : { body }),
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text() };
}

/** Cases per area: how many held, and what failed (printed at the end of a run). */
export class Tally {
  private readonly areas = new Map<string, { cases: number; held: number; failed: string[] }>();

  record(area: string, held: boolean, what: string): void {
    const a = this.areas.get(area) ?? { cases: 0, held: 0, failed: [] };
    a.cases++;
    if (held) a.held++;
    else a.failed.push(what);
    this.areas.set(area, a);
  }

  failures(area: string): string[] {
    return this.areas.get(area)?.failed ?? [];
  }

  table(): string {
    const rows = [...this.areas].map(([area, a]) => [area, a.cases, a.held, a.failed.length] as const);
    const w = Math.max(4, ...rows.map((r) => r[0].length));
    const line = (c: readonly (string | number)[]) =>
      `${String(c[0]).padEnd(w)}  ${String(c[1]).padStart(6)}  ${String(c[2]).padStart(6)}  ${String(c[3]).padStart(6)}`;
    return [line(['area', 'cases', 'held', 'failed']), '-'.repeat(w + 24), ...rows.map(line)].join('\n');
  }
}
