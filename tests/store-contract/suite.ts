import { runContract, type Adapter } from './harness.ts';
import { identifies } from './identify.ts';
import { ingest } from './ingest.ts';
import { isolation } from './isolation.ts';
import { journeys } from './journeys.ts';
import { outbox } from './outbox.ts';
import { readAndWrite } from './read-write.ts';
import { timelines } from './timeline.ts';
import { workspacesAndKeys } from './workspaces-keys.ts';

/** The whole store contract: every adapter runs exactly these tests. */
export function storeContract(adapter: Adapter): void {
  runContract(adapter, [
    workspacesAndKeys,
    journeys,
    ingest,
    identifies,
    timelines,
    isolation,
    readAndWrite,
    outbox,
  ]);
}
