import { Option, type Command } from 'commander';
import { InputError, type FieldIssue } from '../core/issues.ts';
import type { Services } from './graph.ts';
import type { Config } from '../platform/config.ts';
import { asDomainError, DomainError, type ErrorKind } from '../platform/errors.ts';
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

export interface CommonOptions {
  db: string;
  workspace?: string;
}

/**
 * Every command takes --db and --workspace; this is the one place they are declared. --db has no
 * default here: the CLI fills it from the config (CXLOOP_DB, else ./data/cxloop.duckdb) before the
 * command runs (useConfig), so a command never reads the environment itself.
 */
export function withCommonOptions(command: Command): Command {
  return command
    .option(
      '--db <path|url>',
      'DuckDB database file, or a postgres:// URL for server mode (default: $CXLOOP_DB or ./data/cxloop.duckdb)',
    )
    .option('--workspace <id>', 'workspace id (default: the first workspace, created on first use)');
}

let loaded: Config | undefined;

/**
 * Parses the configuration once, before any command runs (not for `--help`, which must not load
 * zod), and fills an unset --db from it. A bad variable stops the command, named (exit 2).
 */
export function useConfig(program: Command): void {
  program.hook('preAction', async (_program, command) => {
    const { loadConfig } = await import('../platform/config.ts');
    loaded ??= loadConfig();
    if (command.options.some((o) => o.attributeName() === 'db') && command.getOptionValue('db') === undefined)
      command.setOptionValue('db', loaded.db);
  });
}

/** The configuration the CLI parsed at start-up (useConfig), for commands that need a setting. */
export function cliConfig(): Config {
  if (!loaded) throw new Error('the configuration is read before a command runs (useConfig)');
  return loaded;
}

/** `--format`: a table for people by default, JSON for scripts (and CSV where a command offers it). */
export const formatOption = (choices: readonly string[] = ['json', 'table']) =>
  new Option('--format <format>', 'output format').choices(choices).default('table');

/**
 * The one table from what went wrong to the exit code; the HTTP API has its own in
 * platform/http/errors.ts. 2: the input cannot be used as given (fix it and run again);
 * 3: the database cannot be reached or is held by another process; 1: anything else refused.
 */
const EXIT: Record<ErrorKind, number> = {
  invalid: 2,
  conflict: 2,
  unauthorized: 1,
  forbidden: 1,
  not_found: 1,
  too_large: 1,
  unsupported_media: 2,
  rate_limited: 1,
  unavailable: 3,
  locked: 3,
};

/** What the CLI prints and exits with for an error; undefined for our own fault (it crashes with its stack). */
export function cliFailure(error: unknown): { message: string; exitCode: number } | undefined {
  const known = asDomainError(error);
  if (!known) return undefined;
  // core's InputError says only that a request was not valid; on the command line it was the input.
  const head = error instanceof InputError ? 'the input is not valid' : known.message;
  return {
    message: known.issues.length ? `${head}\n${describeIssues(known.issues)}` : head,
    exitCode: EXIT[known.kind],
  };
}

/** The locked database as the CLI tells it: the same code (database_locked), with what to do instead. */
function lockedRefusal(error: DatabaseLockedError, note: ServerNote | null): DomainError {
  return new DomainError('locked', lockedMessage(error, note), { code: error.code, cause: error });
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
    // The registry is imported here, not at the top: `cxloop --help` loads no SQL.
    const { MIGRATIONS } = await import('./migrations.ts');
    return await openStore(db, MIGRATIONS);
  } catch (error) {
    // A refusal (a held file, a database from a newer cxloop) keeps its kind and code.
    if (error instanceof DomainError) throw error;
    // An unreachable server or a refused login is the user's to fix: one line, no stack.
    if (isServerUrl(db))
      throw new DomainError('unavailable', error instanceof Error ? error.message : String(error), {
        cause: error,
      });
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
    if (error instanceof DatabaseLockedError) throw lockedRefusal(error, holdingServer(error));
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
    if (!note) throw lockedRefusal(error, null);
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
    throw new DomainError(
      'unavailable',
      `the database is held by the cxloop server (pid ${note.pid}) at ${note.url}, which did not answer: ${cause}`,
      { cause: error },
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

/** The kind behind each status the API answers (platform/http/errors.ts read backwards). */
const KIND_OF_STATUS: Record<number, ErrorKind> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media',
  429: 'rate_limited',
};

/** An error reply as the same error the command raises on the file: field issues exit 2. */
function replyError(status: number, body: unknown): Error {
  const error =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object'
      ? (body.error as { code?: string; message?: string; issues?: FieldIssue[] } | null)
      : null;
  if (error?.issues?.length && status === 400) return new InputError(error.issues, error.code);
  const message = error?.message ?? `the server answered ${status}`;
  if (status >= 500) return new DomainError('unavailable', `the server failed: ${message}`);
  const options = { ...(error?.code ? { code: error.code } : {}), issues: error?.issues ?? [] };
  return new DomainError(KIND_OF_STATUS[status] ?? 'forbidden', message, options);
}

/** One line per problem, the way every command reports bad input. */
export function describeIssues(issues: FieldIssue[]): string {
  return issues
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
