import type { Store } from '../../platform/store/port.ts';
import { toInvitation, type Invitation } from './invitation-rows.ts';
import { placeholders } from './sql.ts';

interface Asked {
  workspaceId: string;
  id: string;
  resolve: (invitation: Invitation | null) => void;
  reject: (error: unknown) => void;
}

/** Invitations read in one query at most (an IN list of this many parameters). */
const READ_LIMIT = 500;

/**
 * Reads invitations by id, the lookups of one turn of the event loop in one query per workspace.
 * Every answer, page view and SDK call looks its invitation up first, and the store has one
 * reader connection: one point query each queued them up behind one another (a burst of answers
 * spent more time waiting for this read than for its own commit). Nothing is cached: a lookup
 * always sees what was committed before it was asked.
 */
export class InvitationLoader {
  private asked: Asked[] = [];

  constructor(private readonly store: Store) {}

  get(workspaceId: string, id: string): Promise<Invitation | null> {
    return new Promise((resolve, reject) => {
      this.asked.push({ workspaceId, id, resolve, reject });
      if (this.asked.length === 1) setImmediate(() => void this.readAll());
    });
  }

  private async readAll() {
    const asked = this.asked;
    this.asked = [];
    const byWorkspace = new Map<string, Asked[]>();
    for (const a of asked) byWorkspace.set(a.workspaceId, [...(byWorkspace.get(a.workspaceId) ?? []), a]);
    for (const [workspaceId, all] of byWorkspace) {
      for (let from = 0; from < all.length; from += READ_LIMIT) {
        const part = all.slice(from, from + READ_LIMIT);
        const ids = [...new Set(part.map((a) => a.id))];
        try {
          const rows = await this.store.read(
            `SELECT * FROM survey_invitations WHERE workspace_id = $1 AND id IN (${placeholders(2, ids.length)})`,
            [workspaceId, ...ids],
          );
          const found = new Map(rows.map((r) => [String(r.id), r]));
          for (const a of part) {
            const raw = found.get(a.id);
            a.resolve(raw ? toInvitation(raw) : null);
          }
        } catch (error) {
          for (const a of part) a.reject(error);
        }
      }
    }
  }
}
