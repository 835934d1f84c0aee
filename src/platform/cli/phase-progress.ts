import { progressBar } from './progress.ts';

/**
 * Progress of a job in named phases (generating, then storing): one bar per phase on a terminal
 * (stderr). Elsewhere (a pipe, a log file, a test) nothing, unless `lines`: then a line at every
 * tenth, so that a server's log shows its background work moving.
 */
export function phaseProgress(
  labels: Record<string, string>,
  { lines = false, stream = process.stderr }: { lines?: boolean; stream?: NodeJS.WriteStream } = {},
) {
  const bars = new Map<string, ReturnType<typeof progressBar>>();
  const printed = new Map<string, number>();
  let current: string | null = null;
  return {
    update(phase: string, done: number, total: number) {
      const label = labels[phase] ?? phase;
      if (current !== phase && current !== null) bars.get(current)?.stop();
      current = phase;
      if (stream.isTTY) {
        if (!bars.has(phase)) bars.set(phase, progressBar(label));
        bars.get(phase)!.update(done, total);
        return;
      }
      if (!lines) return;
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 0;
      if (tenth > (printed.get(phase) ?? 0) || (done === 0 && !printed.has(phase))) {
        printed.set(phase, tenth);
        stream.write(`${label}: ${tenth * 10}% (${done} of ${total})\n`);
      }
    },
    stop() {
      if (current !== null) bars.get(current)?.stop();
      current = null;
    },
  };
}
