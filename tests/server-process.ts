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
  const signInLink = out.match(/sign in {4}(\S+)/)?.[1];
  return {
    url,
    child,
    ingestKey: out.match(/ingest key (\S+)/)?.[1],
    /** The first start prints a one-time sign-in link for the admin, and no secret key: tests make one as that admin. */
    secretKey:
      out.match(/secret key (\S+)/)?.[1] ?? (signInLink ? await secretKeyByLink(url, signInLink) : undefined),
    signInLink,
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

/** Signs in as the first admin with the banner's one-time link and creates a secret key through the API. */
export async function secretKeyByLink(url: string, link: string): Promise<string> {
  const token = new URL(link).hash.replace(/^#token=/, '');
  const signedIn = await fetch(url + '/v1/sign-in/link', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (signedIn.status !== 200)
    throw new Error(`sign-in link refused: ${signedIn.status} ${await signedIn.text()}`);
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const made = await fetch(url + '/v1/keys', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: url },
    body: JSON.stringify({ kind: 'secret' }),
  });
  if (made.status !== 201) throw new Error(`key not made: ${made.status} ${await made.text()}`);
  return ((await made.json()) as { key: string }).key;
}
