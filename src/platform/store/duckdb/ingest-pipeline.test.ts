import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '../../../../tests/helpers.ts';
import type { EventRow } from '../../../core/ingest/rows.ts';
import { event, T0 } from '../../../../tests/store-contract/fixtures.ts';
import { DuplicateFilter } from './duplicates.ts';
import { IngestPipeline } from './ingest-pipeline.ts';
import { MIGRATIONS } from '../../../capabilities/migrations.ts';
import { PLATFORM_MIGRATIONS } from '../platform-migrations.ts';
import { STAGING } from './staging.ts';
import { DuckDbOutbox } from './outbox.ts';
import { DUCKDB_SETTINGS } from './store.ts';

const events = (prefix: string): EventRow[] =>
  Array.from({ length: 200 }, (_, i) => event(`${prefix}-${i}`, { customerId: `c${i}`, timestamp: T0 + i }));

async function pipelineOn(file: string, spareCheckpointBytes: number) {
  const instance = await DuckDBInstance.create(file, DUCKDB_SETTINGS);
  const connection = await instance.connect();
  for (const migration of [...PLATFORM_MIGRATIONS, ...MIGRATIONS])
    if (migration.duckdb.trim()) await connection.run(migration.duckdb);
  await connection.run(STAGING);
  const wal = () => statSync(`${file}.wal`, { throwIfNoEntry: false })?.size ?? 0;
  const pipeline = new IngestPipeline(
    connection,
    await DuplicateFilter.load(connection),
    await DuckDbOutbox.load(connection),
    wal,
    spareCheckpointBytes,
  );
  const close = async () => {
    await pipeline.drain();
    connection.closeSync();
    instance.closeSync();
  };
  return { pipeline, wal, close };
}

test('with time to spare, the pipeline checkpoints its log before DuckDB would', async () => {
  const tmp = tempDir();
  try {
    const early = await pipelineOn(join(tmp.dir, 'early.duckdb'), 1);
    await early.pipeline.submit('w', { events: events('a'), feedback: [], identifies: [] });
    await early.pipeline.drain(); // runs after the checkpoint the idle pipeline queued
    assert.equal(early.wal(), 0, 'the log was folded into the file');
    await early.close();

    const late = await pipelineOn(join(tmp.dir, 'late.duckdb'), 1 << 30);
    await late.pipeline.submit('w', { events: events('b'), feedback: [], identifies: [] });
    await late.pipeline.drain();
    assert.ok(late.wal() > 0, 'below the threshold the log stays');
    await late.close();
  } finally {
    tmp.cleanup();
  }
});
