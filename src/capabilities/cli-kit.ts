import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { InputError } from '../core/issues.ts';
import { createServices, type Services } from './graph.ts';
import { DatabaseLockedError } from '../platform/store/errors.ts';
import { isServerUrl, openStore } from '../platform/store/open.ts';
import type { Store, Workspace } from '../platform/store/port.ts';
import { resolveWorkspace } from './workspaces/workspaces.ts';

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

/**
 * A file kept beside the database (`<db>.<suffix>`). A server URL has no "beside", so its files
 * go under ./data, named after host, port and database but never the credentials.
 */
export function besideDatabase(db: string, suffix: string): string {
  if (!isServerUrl(db)) return `${db}.${suffix}`;
  const url = new URL(db);
  const name = [url.hostname, url.port || '5432', url.pathname.slice(1) || 'postgres'].join('-');
  mkdirSync('./data', { recursive: true });
  return `./data/postgres-${name.replace(/[^\w.-]+/g, '_')}.${suffix}`;
}

/** Where a running server says where it listens, so other commands can point the user at it. */
export const serverInfoPath = (db: string) => besideDatabase(db, 'server.json');

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function lockedMessage(error: DatabaseLockedError): string {
  const info = serverInfoPath(error.path);
  let server = '';
  if (existsSync(info)) {
    try {
      const { url, pid } = JSON.parse(readFileSync(info, 'utf8')) as { url: string; pid: number };
      server = ` by the cxloop server (pid ${pid}) at ${url}`;
    } catch {
      // an unreadable info file only loses the hint
    }
  }
  return [
    `${error.path} is held${server || ' by another process'}; the embedded database has one writer at a time.`,
    'Either stop the server and run this command again, or send the data through the server:',
    `  curl -X POST ${server ? server.replace(/.* at /, '') : 'http://HOST:PORT'}/v1/events -H "Authorization: Bearer <ingest key>" -H "content-type: application/json" --data-binary @batch.json`,
    'or use another database with --db PATH.',
  ].join('\n');
}

/** Opens the store, resolves the workspace, runs `work`, and always closes the store. */
export async function withServices<T>(
  options: CommonOptions,
  work: (services: Services, workspace: Workspace, created: boolean) => Promise<T>,
): Promise<T> {
  let store: Store;
  try {
    store = await openStore(options.db);
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw new CliError(lockedMessage(error), 3);
    // An unreachable server or a refused login is the user's to fix: one line, no stack.
    if (isServerUrl(options.db))
      throw new CliError(error instanceof Error ? error.message : String(error), 3);
    throw error;
  }
  try {
    const services = createServices(store);
    const { workspace, created } = await resolveWorkspace(store, options.workspace, services.now());
    return await work(services, workspace, created);
  } finally {
    await store.close();
  }
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

/** Splits "a,b,c" lists (possibly given several times) into trimmed names. */
export function list(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
