import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Services } from '../../capabilities/graph.ts';
import { loadDemo } from './load.ts';

/**
 * The demo data set loaded after the server starts listening, so the first start answers at once
 * (measured on the 2-core machine: generating took 4.5 s and storing 12 s, 36 s under load, which
 * the server used to wait for before printing its URL). Progress goes to the terminal and to
 * `services.loads`, which GET /v1/data-load and the dashboard's banner read.
 *
 * A load survives a crash or a stop: `<db>.demo.json` keeps the instant the data ends at until the
 * load is complete, so the next `serve --demo` generates the same items and stores only the missing
 * ones (every item's id is derived from that instant).
 */
interface DemoNote {
  workspace: string;
  now: number;
}

export const DEMO_WHAT = 'the demo data set';

/** The load to run for this start: a new one into an empty workspace, the unfinished one, or none. */
export function demoToLoad(
  notePath: string,
  workspaceId: string,
  events: number,
  now: number,
): DemoNote | null {
  if (existsSync(notePath)) {
    const note = JSON.parse(readFileSync(notePath, 'utf8')) as Partial<DemoNote>;
    if (note.workspace === workspaceId && typeof note.now === 'number')
      return { workspace: workspaceId, now: note.now };
  }
  if (events > 0) return null;
  const note = { workspace: workspaceId, now };
  // Written whole under another name and renamed, so a crash never leaves half a note.
  writeFileSync(`${notePath}.tmp`, JSON.stringify(note) + '\n');
  renameSync(`${notePath}.tmp`, notePath);
  return note;
}

export interface Progress {
  update(phase: 'generating' | 'storing', done: number, total: number): void;
  stop(): void;
}

/** Runs the load; resolves when it is complete, failed or stopped by `stopping()`. */
export async function loadDemoInBackground(
  services: Services,
  note: DemoNote,
  notePath: string,
  options: { logger: Logger; progress: Progress; stopping: () => boolean; print: (line: string) => void },
): Promise<void> {
  const { logger, progress } = options;
  const started = services.now();
  services.loads.begin(note.workspace, DEMO_WHAT, started);
  try {
    const result = await loadDemo(services, note.workspace, {
      now: note.now,
      onProgress: (phase, done, total) => {
        services.loads.progress(note.workspace, phase, done, total);
        progress.update(phase, done, total);
      },
      // One turn of the event loop between slices and batches: requests waiting are answered.
      between: () => turn(),
      stop: options.stopping,
    });
    progress.stop();
    if (!result.complete) {
      options.print(
        `demo data: stopped at ${result.stored} items stored; the next start with --demo goes on`,
      );
      return;
    }
    services.loads.finish(note.workspace, services.now());
    rmSync(notePath, { force: true });
    const seconds = ((services.now() - started) / 1000).toFixed(1);
    options.print(
      `demo data loaded in ${seconds} s: ${result.customers} customers, ${result.events} events, ${result.feedback} feedback`,
    );
    logger.info({ ...result }, 'demo data loaded');
  } catch (err) {
    progress.stop();
    const message = err instanceof Error ? err.message : String(err);
    services.loads.fail(note.workspace, message, services.now());
    logger.error({ err }, 'loading the demo data failed');
    options.print(`demo data: loading failed (${message}); the next start with --demo tries again`);
  }
}
