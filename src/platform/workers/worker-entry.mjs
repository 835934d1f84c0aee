// From the TypeScript sources: worker threads do not inherit the tsx loader of the thread that
// starts them, so register it before loading the worker and the task modules it imports.
// Compiled JavaScript starts worker.js directly (see script.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
