import type { TaskFailure } from './errors.ts';

/** What the pool tells a new worker: the modules whose `tasks` it serves. */
export interface WorkerSetup {
  modules: string[];
}

export interface TaskRequest {
  id: number;
  task: string;
  input: unknown;
}

export type WorkerMessage =
  | { ready: true }
  | { ready: false; failure: TaskFailure }
  | { id: number; ok: true; output: unknown }
  | { id: number; ok: false; failure: TaskFailure };

/** A module the workers load: it lists its tasks under this export. */
export interface TaskModule {
  tasks: readonly { name: string; run(input: unknown): unknown }[];
}
