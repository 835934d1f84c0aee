import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A module next to `base` (a caller's import.meta.url) with the caller's own extension: `.ts`
 * when running from the sources through tsx, `.js` when running compiled JavaScript, so a
 * thread's module is named once and found in both.
 */
export function moduleBeside(base: string, stem: string): URL {
  return new URL(`${stem}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/**
 * Starts a worker thread on `module`. A .ts module starts through ts-loader.mjs, which registers
 * tsx first (threads do not inherit the loader); its name travels in workerData.tsEntry, beside
 * the caller's own workerData fields.
 */
// Not named *-entry.mjs: the CLI build bundles those as compiled entries without tsx, while this
// file must stay the source loader the compiled CLI's workers also start through.
export function startWorker(module: URL, options: WorkerOptions & { workerData?: object } = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, options);
  return new Worker(new URL('./ts-loader.mjs', import.meta.url), {
    ...options,
    workerData: { ...options.workerData, tsEntry: module.href },
  });
}
