// Compiles the CLI (and the worker threads it starts) from src/ into dist/cli/ with esbuild, so a
// `cxloop` call runs plain JavaScript instead of transpiling every source file through tsx (1.1 s of
// start-up before). bin/cxloop.js asks `cliEntry()` for the build, which rebuilds first when anything
// under src/ changed, the way web/build-if-stale.mjs keeps the dashboard current; npm's `prepare`
// builds it at `npm install` / `npm ci`.
//
// Layout of dist/cli/: the entries (`cli.mjs` and one `*-entry.mjs` per worker entry) beside
// content-hashed chunks, and `build.json` naming the sources' fingerprint. Every file is written to a
// temporary name and renamed, chunks first and build.json last, so a CLI starting during a build (the
// test suite spawns many at once) reads either the old build or the new one, never half of one.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = join(root, 'src');
const outdir = join(root, 'dist', 'cli');
const manifestPath = join(outdir, 'build.json');
const CLI_SOURCE = join(src, 'app', 'cli', 'main.ts');
/** Chunks no current build names are removed only after this long: a server started from an older build may still load them. */
const KEEP_OLD_MS = 24 * 60 * 60 * 1000;

/**
 * What the build depends on, cheaply (every `cxloop` call checks it): how many files and folders
 * src/ holds, their total size and the newest mtime, plus the build script's and tsconfig's. A new,
 * deleted, renamed or edited file changes it (a folder's mtime moves when its entries change; git
 * sets the mtime of what it checks out to now). Tests are not compiled, so editing one does not rebuild.
 */
function fingerprint() {
  let count = 0;
  let size = 0;
  let newest = 0;
  const add = (path) => {
    const stat = statSync(path);
    count += 1;
    size += stat.size;
    newest = Math.max(newest, stat.mtimeMs);
  };
  add(src);
  for (const name of readdirSync(src, { recursive: true })) {
    if (!name.endsWith('.test.ts')) add(join(src, name));
  }
  const settings = [fileURLToPath(import.meta.url), join(root, 'tsconfig.json')].map((file) => {
    const stat = statSync(file);
    return `${stat.size}@${stat.mtimeMs}`;
  });
  return [count, size, newest, ...settings].join(' ');
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Worker entries are the `*-entry.mjs` files under src/: under tsx they register the loader and
 * import the worker's TypeScript. Each is bundled under its own name beside the chunks, so
 * `new URL('./x-entry.mjs', import.meta.url)` in a bundled module finds it.
 */
function workerEntries() {
  const entries = {};
  for (const file of readdirSync(src, { recursive: true })) {
    if (!file.endsWith('-entry.mjs')) continue;
    const name = basename(file, '.mjs');
    if (entries[name]) throw new Error(`two worker entries named ${name}: ${entries[name]} and ${file}`);
    entries[name] = join(src, file);
  }
  return entries;
}

const WORKER_ENTRY_URL = /new URL\((['"])\.\/[\w.-]+-entry\.mjs\1, import\.meta\.url\)/g;

/**
 * esbuild plugin for what differs between running the sources and running the bundle:
 * - `import.meta.url` in a bundled module is the chunk's URL, while the sources mean their own file
 *   (templates/, web/dist and sdk/ are found relative to it). It becomes the source file's URL,
 *   computed relative to the chunk so dist/ keeps working if the checkout moves. A worker entry URL
 *   (`new URL('./x-entry.mjs', import.meta.url)`) is left alone: it names the bundled entry.
 * - The worker entries register tsx; the bundle is already JavaScript, so that is a no-op.
 */
const sourcesPlugin = {
  name: 'cxloop-sources',
  setup(build) {
    build.onResolve({ filter: /^tsx\/esm\/api$/ }, () => ({ path: 'tsx-register', namespace: 'noop' }));
    build.onLoad({ filter: /.*/, namespace: 'noop' }, () => ({
      contents: 'export function register() {}',
      loader: 'js',
    }));
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const own = `new URL(${JSON.stringify(relative(outdir, args.path).split('\\').join('/'))}, import.meta.url).href`;
      const kept = [];
      const contents = text
        .replace(WORKER_ENTRY_URL, (match) => `\0${kept.push(match) - 1}\0`)
        .replaceAll('import.meta.url', own)
        .replace(/\0(\d+)\0/g, (_, i) => kept[Number(i)]);
      return { contents, loader: 'ts' };
    });
  },
};

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Builds dist/cli/ from src/ now; returns the milliseconds it took. */
export async function buildCli() {
  const started = Date.now();
  const print = fingerprint();
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { cli: CLI_SOURCE, ...workerEntries() },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies stay in node_modules: the native DuckDB binding cannot be bundled, and loading
    // the others from their own files keeps each command's imports lazy.
    packages: 'external',
    outdir,
    // Paths in meta.json relative to the checkout, whichever folder the CLI that rebuilt was run from.
    absWorkingDir: root,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [sourcesPlugin],
  });
  mkdirSync(outdir, { recursive: true });
  const entries = (path) => /[\\/](cli|[\w.-]+-entry)\.mjs(\.map)?$/.test(path);
  const files = result.outputFiles;
  // Chunks before the entries that import them, build.json last: see the note at the top.
  for (const file of [...files.filter((f) => !entries(f.path)), ...files.filter((f) => entries(f.path))]) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeAtomically(file.path, file.contents);
  }
  // What each output imports, for tests/cli-start.test.ts: the modules `cxloop --help` loads.
  writeAtomically(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  writeAtomically(
    manifestPath,
    JSON.stringify({ fingerprint: print, builtAt: new Date().toISOString() }) + '\n',
  );
  const current = new Set([...files.map((f) => basename(f.path)), 'meta.json', basename(manifestPath)]);
  for (const name of readdirSync(outdir)) {
    const path = join(outdir, name);
    if (!current.has(name) && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS)
      rmSync(path, { force: true });
  }
  return Date.now() - started;
}

/** The URL of the compiled CLI, built first when missing or older than src/. */
export async function cliEntry({ quiet = true } = {}) {
  const entry = join(outdir, 'cli.mjs');
  // An installed copy without sources runs what it was shipped with.
  if (existsSync(src) && readManifest()?.fingerprint !== fingerprint()) {
    const ms = await buildCli();
    if (!quiet) process.stderr.write(`cxloop: CLI compiled to dist/cli in ${ms} ms\n`);
  }
  return pathToFileURL(entry).href;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ms = await buildCli();
  console.log(`cxloop: CLI compiled to ${relative(process.cwd(), outdir) || '.'} in ${ms} ms`);
}
