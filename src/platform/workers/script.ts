/**
 * Where a worker thread starts. Run from the .ts sources (through tsx), the thread needs an entry
 * that registers tsx first; run as compiled JavaScript, worker.js sits next to this file and
 * starts directly. Deciding by this module's own URL works for both without configuration.
 */
export function workerScript(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker-entry.mjs', import.meta.url)
    : new URL('./worker.js', import.meta.url);
}
