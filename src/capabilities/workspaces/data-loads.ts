/**
 * Background loads of data into a workspace that this process runs (today: the demo data set that
 * `cxloop serve --demo` loads after it starts listening), with their progress. Kept in memory: a
 * load belongs to the process that runs it, and the dashboard, the API and the CLI ask that process.
 */
export interface DataLoad {
  /** What is loading, for people: "the demo data set". */
  what: string;
  state: 'loading' | 'loaded' | 'failed';
  /** Steps done of `total` (generating counts shoppers simulated, storing counts items stored). */
  phase: 'generating' | 'storing' | 'done';
  done: number;
  total: number;
  /** 0-1 across both phases, for one progress bar. */
  share: number;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

/** Generating takes about a quarter of a demo load's time, storing the rest (measured: 4.5 s and 12 s). */
const GENERATING_SHARE = 0.25;

export class DataLoads {
  private readonly loads = new Map<string, DataLoad>();

  begin(workspaceId: string, what: string, now: number): void {
    this.loads.set(workspaceId, {
      what,
      state: 'loading',
      phase: 'generating',
      done: 0,
      total: 0,
      share: 0,
      startedAt: now,
      finishedAt: null,
      error: null,
    });
  }

  progress(workspaceId: string, phase: 'generating' | 'storing', done: number, total: number): void {
    const load = this.loads.get(workspaceId);
    if (!load || load.state !== 'loading') return;
    const part = total > 0 ? Math.min(1, done / total) : 0;
    const share =
      phase === 'generating' ? part * GENERATING_SHARE : GENERATING_SHARE + part * (1 - GENERATING_SHARE);
    Object.assign(load, { phase, done, total, share });
  }

  finish(workspaceId: string, now: number): void {
    const load = this.loads.get(workspaceId);
    if (load) Object.assign(load, { state: 'loaded', phase: 'done', share: 1, finishedAt: now });
  }

  fail(workspaceId: string, error: string, now: number): void {
    const load = this.loads.get(workspaceId);
    if (load) Object.assign(load, { state: 'failed', finishedAt: now, error });
  }

  /** The workspace's latest load, or null when this process has run none for it. */
  get(workspaceId: string): DataLoad | null {
    const load = this.loads.get(workspaceId);
    return load ? { ...load } : null;
  }

  /** True while a load into the workspace is still running: its numbers are not final. */
  isLoading(workspaceId: string): boolean {
    return this.loads.get(workspaceId)?.state === 'loading';
  }
}
