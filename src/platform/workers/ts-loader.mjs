// The first module of a worker thread started from the TypeScript sources (see start.ts): worker
// threads do not inherit the tsx loader of the thread that starts them, so register it here, then
// load the module the thread is for. Compiled JavaScript starts that module directly instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
