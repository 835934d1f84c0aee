/**
 * A task is CPU-bound work declared once as name + function, run either in the worker pool (the
 * server) or in the calling thread (the CLI, in-process tests). The input and the output cross a
 * thread boundary, so both must be structured-cloneable; a Uint8Array output is transferred.
 */
export interface Task<I, O> {
  readonly name: string;
  // Method syntax on purpose: a list of tasks with different inputs is then one Task<unknown, unknown>[].
  run(input: I): O;
}

export function defineTask<I, O>(name: string, run: (input: I) => O): Task<I, O> {
  return { name, run };
}

export interface RunOptions {
  /** Buffers moved to the worker instead of copied (a request body, typically). */
  transfer?: ArrayBuffer[];
  /** Who asks (a workspace id): one key may hold only a few places in the pool, so others get theirs. */
  key?: string;
}

/** Runs tasks somewhere; the server's pool and the inline runner give the same answers and errors. */
export interface TaskRunner {
  run<I, O>(task: Task<I, O>, input: I, options?: RunOptions): Promise<O>;
  close(): Promise<void>;
}

/** The calling thread: for the CLI, where nothing else waits, and for in-process tests. */
export const inlineRunner: TaskRunner = {
  async run(task, input) {
    return task.run(input);
  },
  async close() {},
};
