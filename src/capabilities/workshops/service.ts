/**
 * Workshops: a facilitator creates one on the journey map, participants join by its link (no
 * account) with a key of their own, and judge their touchpoints and their share of the pairs.
 */
import { assignPairs, type Assignment } from '../../core/workshops/assignment.ts';
import { SCALES } from '../../core/workshops/scales.ts';
import { InputError, zodIssues, type FieldIssue } from '../../core/issues.ts';
import { DomainError } from '../../platform/errors.ts';
import { parseWindow } from '../../platform/time/window.ts';
import type { Store } from '../../platform/store/port.ts';
import type { JourneyService } from '../journeys/service.ts';
import {
  actionRequest,
  createWorkshopRequest,
  joinRequest,
  judgementsRequest,
  type ParticipantView,
  type WorkshopStatus,
  type WorkshopView,
} from './contract.ts';
import { hashToken, newToken } from './tokens.ts';
import {
  insertWorkshop,
  judgements,
  listWorkshops,
  participants,
  readWorkshop,
  replaceJoinHash,
  seatByKey,
  takeSeat,
  upsertJudgements,
  workshopByJoinHash,
  type JudgementRow,
  type WorkshopRecord,
} from './store.ts';
import { insertAction, listActions, type ActionRecord } from './actions.ts';

const YEAR_MS = 365 * 86_400_000;

function parse<T>(
  schema: {
    safeParse(raw: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError };
  },
  raw: unknown,
): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  return parsed.data;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'workshop';

export const joinPath = (token: string) => `/workshop/${token}`;

export function workshopView(w: WorkshopRecord): WorkshopView {
  const n = w.touchpoints.length;
  return {
    id: w.id,
    name: w.name,
    touchpoints: w.touchpoints,
    seats: w.seats,
    coverage: w.coverage,
    pairs: n * (n - 1),
    window: w.window,
    createdAt: new Date(w.createdAt).toISOString(),
  };
}

export function assignmentOf(w: WorkshopRecord): Assignment {
  return assignPairs(
    w.touchpoints.map((t) => ({ id: t.id, stage: t.stageIndex })),
    w.seats,
    w.coverage,
  );
}

const notFound = (id: string) =>
  new DomainError('not_found', `no workshop "${id}" in this workspace`, { code: 'workshop_not_found' });

export class WorkshopService {
  constructor(
    private readonly store: Store,
    private readonly journeys: JourneyService,
    private readonly now: () => number,
  ) {}

  async create(workspaceId: string, raw: unknown) {
    const input = parse(createWorkshopRequest, raw);
    const issues: FieldIssue[] = [];
    if (input.coverage > input.seats)
      issues.push({ path: 'coverage', code: 'too_large', message: `at most seats (${input.seats})` });
    const journey = await this.journeys.get(workspaceId);
    const all = journey.map.stages.flatMap((stage, stageIndex) =>
      stage.touchpoints.map((t) => ({ id: t.id, name: t.name, stage: stage.id, stageIndex })),
    );
    const chosen = input.touchpoints ?? all.map((t) => t.id);
    chosen.forEach((id, i) => {
      if (!journey.touchpoints.has(id))
        issues.push({
          path: `touchpoints.${i}`,
          code: 'unknown_touchpoint',
          message: `"${id}" is not in the journey map`,
        });
      else if (chosen.indexOf(id) !== i)
        issues.push({ path: `touchpoints.${i}`, code: 'duplicate', message: `"${id}" is listed twice` });
    });
    const now = this.now();
    const window = parseWindow(
      input.from ?? new Date(now - YEAR_MS).toISOString(),
      input.to ?? new Date(now).toISOString(),
    );
    issues.push(...window.issues);
    if (issues.length || !window.window) throw new InputError(issues);
    const record = {
      workspaceId,
      id: input.id ?? slug(input.name),
      name: input.name,
      // journey order, whatever order the request listed them in
      touchpoints: all.filter((t) => chosen.includes(t.id)),
      seats: input.seats,
      coverage: input.coverage,
      window: { from: window.window.from.toISOString(), to: window.window.to.toISOString() },
    };
    const token = newToken();
    if (!(await insertWorkshop(this.store, record, hashToken(token), now)))
      throw new DomainError('conflict', `a workshop "${record.id}" exists already; choose another id`, {
        code: 'workshop_exists',
        issues: [{ path: 'id', code: 'exists', message: `"${record.id}" is taken` }],
      });
    return {
      workshop: workshopView({ ...record, createdAt: now }),
      joinToken: token,
      joinPath: joinPath(token),
    };
  }

  async list(workspaceId: string): Promise<WorkshopView[]> {
    return (await listWorkshops(this.store, workspaceId)).map(workshopView);
  }

  async get(workspaceId: string, id: string): Promise<WorkshopRecord> {
    const w = await readWorkshop(this.store, workspaceId, id);
    if (!w) throw notFound(id);
    return w;
  }

  /** A new join link; the old one stops working (the token is stored only as a hash, so it cannot be shown again). */
  async newLink(workspaceId: string, id: string) {
    await this.get(workspaceId, id);
    const token = newToken();
    await replaceJoinHash(this.store, workspaceId, id, hashToken(token));
    return { joinToken: token, joinPath: joinPath(token) };
  }

  async status(workspaceId: string, id: string): Promise<WorkshopStatus> {
    const w = await this.get(workspaceId, id);
    const assignment = assignmentOf(w);
    const people = await participants(this.store, workspaceId, id);
    const all = await judgements(this.store, workspaceId, id);
    const list = people.map((p) => {
      const own = all.filter((j) => j.seat === p.seat);
      const progress = progressOf(w, assignment, p.seat, own);
      return {
        seat: p.seat,
        name: p.name,
        joinedAt: new Date(p.joinedAt).toISOString(),
        items: progress.items,
        answered: progress.answered,
        finished: progress.left === 0,
      };
    });
    const perPair = new Map<string, number>();
    for (const j of all)
      if (j.kind === 'influence' && j.value !== null)
        perPair.set(`${j.from}>${j.to}`, (perPair.get(`${j.from}>${j.to}`) ?? 0) + 1);
    const counts = assignment.pairs.map((p) => perPair.get(`${p.from}>${p.to}`) ?? 0);
    return {
      workshop: workshopView(w),
      participants: list,
      seatsLeft: w.seats - people.length,
      cells: {
        pairs: assignment.pairs.length,
        covered: counts.filter((c) => c >= w.coverage).length,
        judged: counts.filter((c) => c > 0).length,
      },
    };
  }

  /** What the join page shows before joining. */
  async joinInfo(token: string) {
    const w = await this.byToken(token);
    const people = await participants(this.store, w.workspaceId, w.id);
    return { workshop: { id: w.id, name: w.name }, seatsLeft: w.seats - people.length };
  }

  private async byToken(token: string): Promise<WorkshopRecord> {
    const w = await workshopByJoinHash(this.store, hashToken(token));
    if (!w)
      throw new DomainError('unauthorized', 'this workshop link is not valid (it may have been replaced)', {
        code: 'invalid_link',
      });
    return w;
  }

  /**
   * Takes the first free seat for this key. The key is the participant's own secret: joining again
   * with it (a retried request, a reload) returns the same seat instead of taking another.
   */
  async join(token: string, raw: unknown) {
    const input = parse(joinRequest, raw);
    const w = await this.byToken(token);
    const keyHash = hashToken(input.key);
    const view = (seat: number, name: string) => ({ seat, name, workshop: { id: w.id, name: w.name } });
    for (let attempt = 0; attempt <= w.seats; attempt++) {
      const held = await seatByKey(this.store, keyHash);
      if (held) {
        if (held.workspaceId !== w.workspaceId || held.workshopId !== w.id)
          throw new DomainError('conflict', 'this key belongs to another workshop; make a new one', {
            code: 'key_in_use',
          });
        const me = (await participants(this.store, w.workspaceId, w.id)).find((p) => p.seat === held.seat)!;
        return view(me.seat, me.name);
      }
      const taken = new Set((await participants(this.store, w.workspaceId, w.id)).map((p) => p.seat));
      const free = Array.from({ length: w.seats }, (_, s) => s).find((s) => !taken.has(s));
      if (free === undefined) break;
      // Another participant may take the same seat at the same moment: then look again.
      if (await takeSeat(this.store, w, free, input.name, keyHash, this.now())) return view(free, input.name);
    }
    throw new DomainError('conflict', `all ${w.seats} seats of this workshop are taken`, {
      code: 'workshop_full',
    });
  }

  private async participant(key: string) {
    const held = await seatByKey(this.store, hashToken(key));
    if (!held)
      throw new DomainError('unauthorized', 'unknown participant key; join with the workshop link', {
        code: 'unknown_participant',
      });
    const w = (await readWorkshop(this.store, held.workspaceId, held.workshopId))!;
    const me = (await participants(this.store, w.workspaceId, w.id)).find((p) => p.seat === held.seat)!;
    return { w, me };
  }

  async participantView(key: string): Promise<ParticipantView> {
    const { w, me } = await this.participant(key);
    const assignment = assignmentOf(w);
    const own = await judgements(this.store, w.workspaceId, w.id, me.seat);
    const answer = (kind: string, from: string, to: string) => {
      const j = own.find((x) => x.kind === kind && x.from === from && x.to === to);
      return j === undefined ? {} : { value: j.value };
    };
    const touchValue = (kind: 'effort' | 'importance', id: string) => {
      const j = own.find((x) => x.kind === kind && x.from === id);
      return j === undefined ? {} : { [kind]: j.value };
    };
    return {
      workshop: { id: w.id, name: w.name },
      participant: { seat: me.seat, name: me.name },
      scales: {
        effort: { ...SCALES.effort, labels: [...SCALES.effort.labels] },
        importance: { ...SCALES.importance, labels: [...SCALES.importance.labels] },
        influence: { ...SCALES.influence, labels: [...SCALES.influence.labels] },
      },
      touchpoints: w.touchpoints.map((t) => ({
        ...t,
        ...touchValue('effort', t.id),
        ...touchValue('importance', t.id),
      })),
      pairs: assignment.seats[me.seat]!.map((p) => {
        const pair = assignment.pairs[p]!;
        return { ...pair, ...answer('influence', pair.from, pair.to) };
      }),
      progress: progressOf(w, assignment, me.seat, own),
    };
  }

  /**
   * Stores a participant's judgements, all or none: every one is checked first (a touchpoint of the
   * workshop, a pair assigned to this participant, a value on the scale), and the first problem of
   * each is reported at its index.
   */
  async judge(key: string, raw: unknown) {
    const input = parse(judgementsRequest, raw);
    const { w, me } = await this.participant(key);
    const assignment = assignmentOf(w);
    const mine = new Set(
      assignment.seats[me.seat]!.map((p) => `${assignment.pairs[p]!.from}>${assignment.pairs[p]!.to}`),
    );
    const known = new Set(w.touchpoints.map((t) => t.id));
    const issues: FieldIssue[] = [];
    const rows: JudgementRow[] = [];
    const seen = new Set<string>();
    input.judgements.forEach((j, i) => {
      const at = `judgements.${i}`;
      const scale = SCALES[j.kind];
      if (j.value !== null && (j.value < scale.min || j.value > scale.max)) {
        issues.push({
          path: `${at}.value`,
          code: 'out_of_scale',
          message: `${j.kind} runs from ${scale.min} to ${scale.max} (or null: don't know)`,
        });
        return;
      }
      if (!known.has(j.from)) {
        issues.push({
          path: `${at}.from`,
          code: 'unknown_touchpoint',
          message: `"${j.from}" is not a touchpoint of this workshop`,
        });
        return;
      }
      if (j.kind === 'influence') {
        if (j.to === undefined || !mine.has(`${j.from}>${j.to}`)) {
          issues.push({
            path: `${at}.to`,
            code: 'not_assigned',
            message: `the pair ${j.from} -> ${j.to ?? '(missing)'} is not one of your pairs`,
          });
          return;
        }
      } else if (j.to !== undefined) {
        issues.push({
          path: `${at}.to`,
          code: 'not_allowed',
          message: `${j.kind} is judged per touchpoint: leave out "to"`,
        });
        return;
      }
      const row = { kind: j.kind, from: j.from, to: j.kind === 'influence' ? j.to! : '', value: j.value };
      const k = `${row.kind}>${row.from}>${row.to}`;
      if (seen.has(k)) {
        issues.push({ path: at, code: 'duplicate', message: 'the same cell twice in one request' });
        return;
      }
      seen.add(k);
      rows.push(row);
    });
    if (issues.length) throw new InputError(issues);
    await upsertJudgements(this.store, w, me.seat, rows, this.now());
    const own = await judgements(this.store, w.workspaceId, w.id, me.seat);
    return { stored: rows.length, progress: progressOf(w, assignment, me.seat, own) };
  }

  async addAction(workspaceId: string, id: string, raw: unknown): Promise<ActionRecord> {
    const input = parse(actionRequest, raw);
    const w = await this.get(workspaceId, id);
    const known = new Set(w.touchpoints.map((t) => t.id));
    const issues = input.touchpoints
      .map((t, i) =>
        known.has(t)
          ? null
          : {
              path: `touchpoints.${i}`,
              code: 'unknown_touchpoint',
              message: `"${t}" is not a touchpoint of this workshop`,
            },
      )
      .filter((x): x is FieldIssue => x !== null);
    if (issues.length) throw new InputError(issues);
    return insertAction(this.store, w, input, this.now());
  }

  actions(workspaceId: string, id: string) {
    return listActions(this.store, workspaceId, id);
  }
}

export function progressOf(
  w: WorkshopRecord,
  assignment: Assignment,
  seat: number,
  own: readonly { kind: string; from: string; to: string }[],
) {
  const items = 2 * w.touchpoints.length + assignment.seats[seat]!.length;
  // Only answers to this participant's items count (a pair reassigned since would not).
  const pairs = new Set(
    assignment.seats[seat]!.map((p) => `${assignment.pairs[p]!.from}>${assignment.pairs[p]!.to}`),
  );
  const answered = own.filter((j) => (j.kind === 'influence' ? pairs.has(`${j.from}>${j.to}`) : true)).length;
  return { items, answered, left: items - answered };
}
