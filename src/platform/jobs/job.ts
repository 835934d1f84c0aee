import type { z } from 'zod';

/** How a durable job that throws is tried again: doubling waits from `baseMs` up to `maxMs`. */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last one the job is `failed` with its error. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * A background job declared once: a name, the schema of its input, and a handler. The runner
 * validates the input, so a job can be started from a loop, the CLI or a test the same way.
 * `retry` applies when it runs durably (JobRunner); a direct `runJob` call does not retry.
 */
export interface Job<S extends z.ZodType, C, R> {
  name: string;
  schema: S;
  handler: (input: z.output<S>, context: C) => Promise<R>;
  retry?: RetryPolicy;
}

export const defineJob = <S extends z.ZodType, C, R>(job: Job<S, C, R>) => job;

export function runJob<S extends z.ZodType, C, R>(
  job: Job<S, C, R>,
  input: z.input<S>,
  context: C,
): Promise<R> {
  return job.handler(job.schema.parse(input), context);
}

export interface LoopOptions<R> {
  /** Wait between runs when a run found nothing more to do. */
  intervalMs: number;
  /** Whether to run again at once (a full batch means more may be waiting). */
  again: (result: R) => boolean;
  onError: (error: unknown) => void;
}

/**
 * Runs a job over and over: at once while there is more to do, then every `intervalMs`, or
 * sooner when kicked. One run at a time; `stop` waits for the current run to finish.
 */
export class JobLoop<S extends z.ZodType, C, R> {
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly job: Job<S, C, R>,
    private readonly input: z.input<S>,
    private readonly context: C,
    private readonly options: LoopOptions<R>,
  ) {}

  start(): this {
    if (this.running) return this;
    this.running = true;
    this.current = this.loop();
    return this;
  }

  /** Runs soon instead of at the next interval (new work has just become due). */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.current;
  }

  private async loop() {
    while (this.running) {
      let again = false;
      try {
        again = this.options.again(await runJob(this.job, this.input, this.context));
      } catch (error) {
        this.options.onError(error);
      }
      if (again || !this.running) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.options.intervalMs);
      });
      if (this.timer) clearTimeout(this.timer);
      this.wake = null;
    }
  }
}
