import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

/**
 * A private PostgreSQL cluster for tests: `initdb` into a temp directory, `pg_ctl start` on a free
 * loopback port, one database per caller, `pg_ctl stop` and the directory removed at the end.
 * Nothing touches the machine's own clusters. fsync stays on, so tests see real commit costs.
 */
export interface PgServer {
  /** The server's version line, for test names and logs. */
  version: string;
  /** A new empty database; returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Debian installs each major version under /usr/lib/postgresql/<major>/bin; the newest wins. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : null;
}

/**
 * What is missing for the PostgreSQL tests, or null when they can run. The tests fail with this
 * rather than skip: a green run must have tested server mode. `npm test` installs the package
 * first where it can (scripts/setup-system.sh).
 */
export function pgMissing(): string | null {
  if (findPgBin()) return null;
  return 'no PostgreSQL binaries under /usr/lib/postgresql/*/bin: install them with `apt-get install -y --no-install-recommends postgresql` (npm test does so as root)';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root, so as root every command runs as the `postgres` user. */
function runner(bin: string) {
  const asRoot = process.getuid?.() === 0;
  return (command: string, args: string[], options: SpawnSyncOptions = {}) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', ...options });
    if (result.status !== 0) {
      throw new Error(
        `${command} failed (${result.status}): ${String(result.stderr || result.stdout).trim()}`,
      );
    }
    return String(result.stdout);
  };
}

function ownByPostgres(dir: string) {
  if (process.getuid?.() !== 0) return;
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const [uid, gid] = [id('-u'), id('-g')];
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, but there is no postgres user');
  chownSync(dir, uid, gid);
}

type Run = ReturnType<typeof runner>;

/** Starts the cluster on a free loopback port (trying again if another process took it first). */
async function startCluster(run: Run, data: string, socketDir: string, log: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${socketDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=on',
      '-c max_connections=200',
      '-c shared_buffers=64MB',
    ].join(' ');
    try {
      run('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
      return port;
    } catch (error) {
      if (attempt >= 3) {
        const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
        throw new Error(`${String(error)}\n${tail}`, { cause: error });
      }
    }
  }
}

export async function startPgServer(): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) throw new Error(pgMissing()!);
  const run = runner(bin);
  const dir = mkdtempSync(join(tmpdir(), 'cxloop-pg-'));
  ownByPostgres(dir);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  // --no-sync only skips flushing initdb's own files: a throwaway cluster needs no crash safety
  // before it first starts. The server itself runs with fsync on.
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);

  let port: number;
  try {
    port = await startCluster(run, data, dir, log);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let stopped = false;
  // Immediate mode skips the shutdown checkpoint (seconds of fsync): the cluster is deleted next.
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '60']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test process that ends without its after() hooks (an uncaught error, a timeout's SIGTERM,
  // Ctrl-C) must not leave a server behind; after stopping it, a signal takes its usual course.
  const onExit = () => stopNow();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow();
    for (const s of signals) process.off(s, onSignal);
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  for (const s of signals) process.on(s, onSignal);

  const base = `postgres://postgres@127.0.0.1:${port}`;
  // The idle timeout lets a process that never calls stop() (a crashed suite) still exit.
  const admin = postgres(`${base}/postgres`, { max: 1, idle_timeout: 1, onnotice: () => undefined });
  const [{ version }] = (await admin`SELECT version()`) as unknown as [{ version: string }];
  let databases = 0;
  return {
    version: version.split(' on ')[0]!,
    async createDatabase() {
      const name = `t${process.pid}_${++databases}`;
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
      return `${base}/${name}`;
    },
    async stop() {
      await admin.end();
      process.off('exit', onExit);
      for (const s of signals) process.off(s, onSignal);
      stopNow();
    },
  };
}
