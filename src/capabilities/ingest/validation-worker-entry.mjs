// Worker threads do not inherit the tsx loader registered by bin/cxloop.js; register it here.
import { register } from 'tsx/esm/api';

register();
await import('./validation-worker.ts');
