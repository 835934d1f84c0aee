import { after, before, describe } from 'node:test';
import { openStore } from '../../src/platform/store/open.ts';
import type { Store } from '../../src/platform/store/port.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';

/** How a contract run gets databases: a DuckDB file path or a PostgreSQL URL, as `--db` takes them. */
export interface Adapter {
  name: string;
  /** Starts what the adapter needs (a server) and returns a maker of fresh empty databases. */
  setup(): Promise<{ newDatabase(): Promise<string>; teardown(): Promise<void> }>;
}

/** What every contract test gets: the store under test, and ways to restart it or open another. */
export interface Context {
  readonly store: Store;
  readonly adapter: string;
  /** Closes the store and opens the same database again, as a restarted process would. */
  restart(): Promise<void>;
  /** Another store on the same database (another process, where the adapter allows several). */
  openAnother(): Promise<Store>;
  /** A store on a new, empty database; closed with the suite. */
  openFresh(): Promise<Store>;
}

export type Topic = (ctx: Context) => void;

/** Registers every topic against one adapter, on one database opened through `openStore`. */
export function runContract(adapter: Adapter, topics: Topic[]): void {
  describe(`store contract on ${adapter.name}`, () => {
    let env: Awaited<ReturnType<Adapter['setup']>>;
    let db: string;
    let store: Store;
    const extra: Store[] = [];
    const ctx: Context = {
      get store() {
        return store;
      },
      adapter: adapter.name,
      async restart() {
        await store.close();
        store = await openStore(db, MIGRATIONS);
      },
      async openAnother() {
        const another = await openStore(db, MIGRATIONS);
        extra.push(another);
        return another;
      },
      async openFresh() {
        const fresh = await openStore(await env.newDatabase(), MIGRATIONS);
        extra.push(fresh);
        return fresh;
      },
    };
    before(async () => {
      env = await adapter.setup();
      db = await env.newDatabase();
      store = await openStore(db, MIGRATIONS);
    });
    after(async () => {
      for (const s of [store, ...extra]) await s?.close().catch(() => undefined);
      await env?.teardown();
    });
    for (const topic of topics) topic(ctx);
  });
}
