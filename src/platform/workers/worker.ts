/**
 * One thread of the pool: loads the task modules it was given, says it is ready, then runs one
 * task at a time. A task is plain synchronous code; a runaway one is stopped from outside, by the
 * pool terminating this thread, since nothing inside a busy loop could notice a deadline.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeFailure } from './errors.ts';
import type { TaskModule, TaskRequest, WorkerMessage, WorkerSetup } from './protocol.ts';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const registry = new Map<string, TaskModule['tasks'][number]>();

function send(message: WorkerMessage, transfer: ArrayBuffer[] = []) {
  port.postMessage(message, transfer);
}

try {
  for (const url of setup.modules) {
    const loaded = (await import(url)) as Partial<TaskModule>;
    if (!Array.isArray(loaded.tasks)) throw new Error(`${url} exports no tasks`);
    for (const task of loaded.tasks) registry.set(task.name, task);
  }
  port.on('message', (request: TaskRequest) => {
    try {
      const task = registry.get(request.task);
      if (!task) throw new Error(`no task "${request.task}" in ${setup.modules.join(', ')}`);
      const output = task.run(request.input);
      // A JSON answer made here is moved back whole, so the serving thread never copies or stringifies it.
      const transfer =
        output instanceof Uint8Array &&
        output.byteOffset === 0 &&
        output.byteLength === output.buffer.byteLength
          ? [output.buffer as ArrayBuffer]
          : [];
      send({ id: request.id, ok: true, output }, transfer);
    } catch (error) {
      send({ id: request.id, ok: false, failure: describeFailure(error) });
    }
  });
  send({ ready: true });
} catch (error) {
  send({ ready: false, failure: describeFailure(error) });
}
