/**
 * The closing table of issue #12: each official Node SDK, with its default settings, sends the mixed
 * workload of tests/sdk-workload.ts (anonymous identify, identify, alias, track, page, screen,
 * group, a batch of 1,200, 60 re-sends, unicode, a 30 KB property, an event from 1999, and one
 * message nested deeper than cxloop allows) to a real `cxloop serve` on a fresh DuckDB file.
 * "stored", "duplicates" and "rejected" are the server's own counts (/metrics, per SDK run); "rows"
 * counts what the database holds afterwards (events, identify rows and anonymous traits).
 * Prints a table, asserts nothing (tests/e2e/segment-sdks.test.ts asserts).
 * Usage: node --import tsx bench/sdk-contract.ts
 */
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { tempDir } from '../tests/helpers.ts';
import { startServerProcess } from '../tests/server-process.ts';
import { SDKS, sendWorkload } from '../tests/sdk-workload.ts';

async function outcomes(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = { stored: 0, duplicate: 0, rejected: 0 };
  for (const m of text.matchAll(/cxloop_ingested_items_total\{outcome="(\w+)"\} (\d+)/g))
    out[m[1]!] = Number(m[2]);
  return out;
}

const tmp = tempDir('cxloop-sdk-bench-');
const server = await startServerProcess(tmp.db);
const rows: {
  sdk: string;
  sent: number;
  stored: number;
  duplicates: number;
  rejected: number;
  errors: number;
  seconds: number;
}[] = [];
try {
  for (const [i, sdk] of SDKS.entries()) {
    const errors: string[] = [];
    const before = await outcomes(server.url);
    const start = performance.now();
    const sent = await sendWorkload(sdk, server.url, server.ingestKey!, `b${i}`, errors);
    const seconds = (performance.now() - start) / 1000;
    const after = await outcomes(server.url);
    rows.push({
      sdk,
      sent: sent.sent,
      stored: after.stored! - before.stored!,
      duplicates: after.duplicate! - before.duplicate!,
      rejected: after.rejected! - before.rejected!,
      errors: errors.length,
      seconds,
    });
  }
} finally {
  await server.stop();
}
const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
const held: number[] = [];
for (const [i] of SDKS.entries()) {
  const like = `b${i}-%`;
  const [row] = await store.read(
    `SELECT (SELECT count(*) FROM events WHERE customer_id LIKE $1 OR anonymous_id LIKE $1)
          + (SELECT count(*) FROM anonymous_traits WHERE anonymous_id LIKE $1) AS n`,
    [like],
  );
  held.push(Number(row!.n));
}
await store.close();
tmp.cleanup();

const header = [
  'client, defaults',
  'sent',
  'stored',
  'duplicates',
  'rejected',
  'SDK errors',
  'events + visitor traits held',
  'seconds',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
rows.forEach((r, i) =>
  console.log(
    `| ${r.sdk} | ${r.sent} | ${r.stored} | ${r.duplicates} | ${r.rejected} | ${r.errors} | ${held[i]} | ${r.seconds.toFixed(1)} |`,
  ),
);
console.log('\nstored counts identify and alias calls too (they update customers and aliases, not events).');
