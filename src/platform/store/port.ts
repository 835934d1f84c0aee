import type { EventRow, FeedbackRow, IdentifyRow } from '../../core/ingest/rows.ts';
import type { JourneyMap } from '../../core/journey/schema.ts';
import type { DomainEvent, HeldCursor, StoredDomainEvent } from '../events/domain-event.ts';
import type { RowDecoder } from './rows.ts';
import type { Sealer } from './sealer.ts';

export interface Workspace {
  id: string;
  name: string;
  createdAt: number;
}

export type KeyKind = 'ingest' | 'secret';

export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  kind: KeyKind;
  /** The first characters of the key, enough to recognise it in a list; never the key itself. */
  prefix: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface IngestBatch {
  events: EventRow[];
  feedback: FeedbackRow[];
  identifies: IdentifyRow[];
  /** Domain events to append to the outbox in the same transaction as these rows. */
  domainEvents?: DomainEvent[];
  /**
   * Statements that must commit with these rows, run after them in the same transaction (a survey
   * answer, its guard and the invitation it marks, with the answer's score as feedback). They ride
   * the ingest group commit instead of paying a transaction of their own.
   */
  statements?: SqlStatement[];
}

export interface IngestOutcome {
  /** Items newly stored. */
  stored: number;
  /** Items whose id the workspace had already stored (or that repeated an id within the batch). */
  duplicates: number;
  /** One result per statement of the batch's `statements`, in order (absent when it had none). */
  results?: WriteResult[];
}

export interface TimelineItem {
  kind: 'event' | 'feedback' | 'invitation';
  id: string;
  timestamp: number;
  touchpoint: string | null;
  name?: string;
  properties?: Record<string, unknown>;
  metric?: string;
  score?: number;
  scale?: { min: number; max: number };
  comment?: string | null;
  source?: string;
  /** Invitations: the survey, the trigger that asked, the channel, and what became of it (and why). */
  survey?: string;
  trigger?: string;
  channel?: string;
  status?: string;
  reason?: string | null;
}

export interface TimelinePage {
  customer: {
    id: string;
    traits: Record<string, unknown>;
    firstSeen: number | null;
    lastSeen: number | null;
    anonymousIds: string[];
  } | null;
  items: TimelineItem[];
  /** Pass back as `cursor` to read the next page; null on the last page. */
  next: string | null;
}

/**
 * Whether the store can write. 'degraded' while the disk refuses writes (reads still work); the
 * reason is safe to show (no paths). `reopens`: how often this process has reopened a database
 * the engine had invalidated after a failed write (an operator's sign that the disk filled up).
 */
export type StoreHealth =
  { status: 'ok'; reopens: number } | { status: 'degraded'; reason: string; since: number; reopens: number };

export interface StoreCapabilities {
  /** Several processes may write at once (PostgreSQL); an embedded file has one writer process. */
  multiProcessWriters: boolean;
}

/**
 * The storage port. Every method takes the workspace it acts on; no method can read across
 * workspaces except the administrative `listWorkspaces`.
 */
export interface Store {
  readonly capabilities: StoreCapabilities;
  /**
   * Seals secrets the database keeps with a key kept outside it (the DuckDB file's `<db>.key`);
   * null where no such key is configured (PostgreSQL), and such secrets are stored as given.
   */
  readonly sealer: Sealer | null;
  close(): Promise<void>;
  /** What /healthz reports about storage; answers without touching the database. */
  health(): StoreHealth;

  createWorkspace(id: string, name: string, now: number): Promise<Workspace>;
  listWorkspaces(): Promise<Workspace[]>;
  getWorkspace(id: string): Promise<Workspace | null>;

  insertKey(key: ApiKeyRecord, hash: string): Promise<void>;
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listKeys(workspaceId: string): Promise<ApiKeyRecord[]>;
  /** Returns false when the workspace has no such key. */
  revokeKey(workspaceId: string, keyId: string, now: number): Promise<boolean>;

  getJourney(workspaceId: string): Promise<JourneyMap | null>;
  /** Replaces the map; `remap` renames touchpoints on stored events and feedback in the same transaction. */
  setJourney(
    workspaceId: string,
    map: JourneyMap,
    now: number,
    remap?: Record<string, string>,
  ): Promise<void>;
  /** How many stored events and feedback items reference each touchpoint. */
  touchpointUsage(workspaceId: string): Promise<Map<string, number>>;

  /** Stores a validated batch atomically: all of it or (on error) none of it. */
  ingest(workspaceId: string, batch: IngestBatch): Promise<IngestOutcome>;
  /** Stores many batches in one transaction (a file import that must land whole or not at all). */
  ingestAll(workspaceId: string, batches: AsyncIterable<IngestBatch>): Promise<IngestOutcome>;
  counts(workspaceId: string): Promise<{ customers: number; events: number; feedback: number }>;
  timeline(
    workspaceId: string,
    customerId: string,
    page: { limit: number; cursor?: string },
  ): Promise<TimelinePage>;

  /**
   * Runs a read-only analytics query written in the SQL both engines share, with `$1`-style
   * parameters. Callers always bind the workspace id as a parameter.
   */
  read(sql: string, params?: SqlValue[]): Promise<Record<string, unknown>[]>;

  /** `read`, each row checked and typed by a decoder (rows.ts) instead of cast where it is used. */
  readRows<T>(decode: RowDecoder<T>, sql: string, params?: SqlValue[]): Promise<T[]>;

  /**
   * Runs write statements (shared SQL, `$1`-style parameters) in one transaction after the other
   * writes: all of them or, on error, none. A statement with RETURNING gives back its rows.
   * `domainEvents` are appended to the outbox in that same transaction.
   */
  write(statements: SqlStatement[], domainEvents?: DomainEvent[]): Promise<WriteResult[]>;

  /**
   * Outbox rows after `seq`, in order, at most `limit`. Every row below one returned here is
   * already committed or never will be, so a reader that moves its cursor to the last row read
   * skips nothing. This reads across workspaces (like `listWorkspaces`): each row names its
   * workspace, and subscribers act on that workspace only.
   */
  readDomainEvents(after: number, limit: number): Promise<StoredDomainEvent[]>;

  /**
   * Runs `work` while holding the subscriber's cursor, so that one delivery at a time (across
   * processes where several write) handles a subscriber's events. Resolves to null without
   * running `work` when another delivery holds it. An advance is kept only if `work` succeeds.
   */
  holdCursor<T>(subscriber: string, work: (cursor: HeldCursor) => Promise<T>): Promise<{ value: T } | null>;

  /**
   * After rows were deleted for an erasure: makes them physically gone as far as the engine
   * allows, and says what was done (docs/privacy.md says what each engine guarantees). DuckDB
   * rewrites the whole file (deleted rows otherwise stay in freed blocks); PostgreSQL VACUUMs
   * the tables.
   */
  reclaim(tables: string[]): Promise<ReclaimReport>;
}

export type ReclaimReport =
  | { engine: 'duckdb'; rewritten: boolean; bytesBefore: number; bytesAfter: number }
  | { engine: 'postgres'; vacuumed: string[] };

export type SqlValue = string | number | boolean | null | Date;

/** One parameterised statement, built by the capability that owns the tables it touches. */
export interface SqlStatement {
  sql: string;
  params?: SqlValue[];
}

export interface WriteResult {
  /** Rows inserted, updated or deleted (for RETURNING statements: rows returned). */
  changed: number;
  rows: Record<string, unknown>[];
}
