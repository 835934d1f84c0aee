import { Option, type Command } from 'commander';
import { InputError, type FieldIssue } from '../core/issues.ts';
import type { Services } from './graph.ts';
import { DatabaseLockedError } from '../platform/store/errors.ts';
import { isServerUrl } from '../platform/store/db-url.ts';
import { openStore } from '../platform/store/open.ts';
import type { Store, Workspace } from '../platform/store/port.ts';
import { resolveWorkspace } from './workspaces/workspaces.ts';
import { LOCAL_WORKSPACE_HEADER } from './workspaces/local-header.ts';
import { LOADING_HEADER } from './workspaces/loading-header.ts';
import { readServerNote, serverNotePath, type ServerNote } from './server-note.ts';

// Imports here stay light (no service, no database driver, no zod schema): every command, even
// `--help`, loads this file; the services are imported when a command runs (see withServices).

export { besideDatabase, serverNotePath as serverInfoPath } from './server-note.ts';

export const DEFAULT_DB = './data/cxloop.duckdb';

export interface CommonOptions {
  db: string;
  workspace?: string;
}

/** Every command takes --db and --workspace; this is the one place they are declared. */
export function withCommonOptions(command: Command): Command {
  return command
    .option(
      '--db <path|url>',
      'DuckDB database file, or a postgres:// URL for server mode',
      process.env.CXLOOP_DB ?? DEFAULT_DB,
    )
    .option('--workspace <id>', 'workspace id (default: the first workspace, created on first use)');
}

/** `--format`: a table for people by default, JSON for scripts (and CSV where a command offers it). */
export const formatOption = (choices: readonly string[] = ['json', 'table']) =>
  new Option('--format <format>', 'output format').choices(choices).default('table');

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function lockedMessage(error: DatabaseLockedError, note: ServerNote | null): string {
  const server = note ? ` by the cxloop server (pid ${note.pid}) at ${note.url}` : '';
  return [
    `${error.path} is held${server || ' by another process'}; the embedded database has one writer at a time.`,
    'Either stop the server and run this command again, or send the data through the server:',
    `  curl -X POST ${note ? note.url : 'http://HOST:PORT'}/v1/events -H "Authorization: Bearer <ingest key>" -H "content-type: application/json" --data-binary @batch.json`,
    'or use another database with --db PATH.',
  ].join('\n');
}

/**
 * The server holding a locked database, from its note; null when the note is missing or belongs to
 * another process than the one the lock names (a server killed without cleaning up left it).
 */
function holdingServer(error: DatabaseLockedError): ServerNote | null {
  const note = readServerNote(serverNotePath(error.path));
  if (!note || (error.holderPid !== undefined && error.holderPid !== note.pid)) return null;
  return note;
}

async function open(db: string): Promise<Store> {
  try {
    return await openStore(db);
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw error;
    // An unreachable server or a refused login is the user's to fix: one line, no stack.
    if (isServerUrl(db)) throw new CliError(error instanceof Error ? error.message : String(error), 3);
    throw error;
  }
}

/** Opens the store, resolves the workspace, runs `work`, and always closes the store. */
export async function withServices<T>(
  options: CommonOptions,
  work: (services: Services, workspace: Workspace, created: boolean) => Promise<T>,
): Promise<T> {
  let store: Store;
  try {
    store = await open(options.db);
  } catch (error) {
    if (error instanceof DatabaseLockedError)
      throw new CliError(lockedMessage(error, holdingServer(error)), 3);
    throw error;
  }
  return withStore(store, options, work);
}

async function withStore<T>(
  store: Store,
  options: CommonOptions,
  work: (services: Services, workspace: Workspace, created: boolean) => Promise<T>,
): Promise<T> {
  try {
    const { createServices } = await import('./graph.ts');
    const services = createServices(store);
    const { workspace, created } = await resolveWorkspace(store, options.workspace, services.now());
    return await work(services, workspace, created);
  } finally {
    await store.close();
  }
}

/** The same read as an HTTP request to the server's API, whose reply is what `local` returns. */
export interface ServerRead {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * A read-only command: it opens the database when it can; while a running server holds the
 * embedded file, it asks that server instead (found from the lock and the server's note), so the
 * answer is the same either way. Returns the answer and the workspace it is about.
 */
export async function readThrough<T>(
  options: CommonOptions,
  local: (services: Services, workspaceId: string) => Promise<T>,
  remote: ServerRead,
): Promise<{ answer: T; workspace: string }> {
  let store: Store;
  try {
    store = await open(options.db);
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    const note = holdingServer(error);
    if (!note) throw new CliError(lockedMessage(error, null), 3);
    return readFromServer<T>(note, options.workspace, remote);
  }
  return withStore(store, options, async (services, workspace) => ({
    answer: await local(services, workspace.id),
    workspace: workspace.id,
  }));
}

async function readFromServer<T>(
  note: ServerNote,
  workspace: string | undefined,
  read: ServerRead,
): Promise<{ answer: T; workspace: string }> {
  const url = new URL(read.path, note.url);
  for (const [name, value] of Object.entries(read.query ?? {})) url.searchParams.set(name, value);
  let reply: Response;
  try {
    reply = await fetch(url, {
      method: read.method,
      headers: {
        authorization: `Bearer ${note.token}`,
        ...(workspace === undefined ? {} : { [LOCAL_WORKSPACE_HEADER]: workspace }),
        ...(read.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(read.body === undefined ? {} : { body: JSON.stringify(read.body) }),
    });
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError(
      `the database is held by the cxloop server (pid ${note.pid}) at ${note.url}, which did not answer: ${cause}`,
      3,
    );
  }
  const body: unknown = await reply.json().catch(() => null);
  if (!reply.ok) throw replyError(reply.status, body);
  // On stderr, so the answer on stdout stays exactly what the command prints on the file.
  const loading = reply.headers.get(LOADING_HEADER);
  if (loading) {
    process.stderr.write(`note: ${loading} on the server; these numbers count only what is stored so far\n`);
  }
  // The server runs this same code: its reply is the service's answer, as JSON.
  return { answer: body as T, workspace: reply.headers.get(LOCAL_WORKSPACE_HEADER) ?? workspace ?? '' };
}

/** An error reply as the same error the command raises on the file: field issues exit 2. */
function replyError(status: number, body: unknown): Error {
  const error =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object'
      ? (body.error as { code?: string; message?: string; issues?: FieldIssue[] } | null)
      : null;
  if (error?.issues?.length) return new InputError(error.issues, error.code);
  const message = error?.message ?? `the server answered ${status}`;
  return new CliError(status >= 500 ? `the server failed: ${message}` : message, status >= 500 ? 3 : 1);
}

/** Prints an InputError as one line per problem, the way every command reports bad input. */
export function describeInputError(error: InputError): string {
  return error.issues
    .map(
      (i) =>
        `  ${i.index === undefined ? '' : `item ${i.index}: `}${i.path || '(input)'}: ${i.message} [${i.code}]`,
    )
    .join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A plain aligned table for people; scripts use --format json. */
export function printTable(rows: Record<string, unknown>[], columns?: string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cols = columns ?? Object.keys(rows[0]!);
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    [
      line(cols),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
    ].join('\n') + '\n',
  );
}

/** Commander's accumulator for an option that may be given several times. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Splits "a,b,c" lists (possibly given several times) into trimmed names. */
export function list(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
