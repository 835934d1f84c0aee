import { spawn, type ChildProcess } from 'node:child_process';

/** A real `cxloop serve` child process on a database file, started on a free port. */
export async function startServerProcess(db: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/cxloop.js', 'serve', '--db', db, '--port', '0', ...extra],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  for await (const chunk of child.stdout!) {
    out += chunk;
    if (/running at/.test(out) && /\n\s+try/.test(out)) break;
  }
  const url = out.match(/running at (\S+)/)?.[1];
  if (!url) throw new Error(`server did not start:\n${out}\n${err}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    ingestKey: out.match(/ingest key (\S+)/)?.[1],
    secretKey: out.match(/secret key (\S+)/)?.[1],
    /** What the server has logged so far. */
    stderr: () => err,
    /** The start-up banner. */
    stdout: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      child.kill(signal);
      await exited;
    },
  };
}
