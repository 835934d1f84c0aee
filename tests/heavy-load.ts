/**
 * The heaviest requests the API accepts, and a probe that times one-event ingest beside them: shared
 * by tests/isolation.test.ts and bench/isolation.ts, so the test checks what the benchmark prints.
 */
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { randomInfluenceValues } from '../src/core/structural/seeded.ts';
import { MAX_DESCRIPTORS, MAX_VARIANTS } from '../src/core/structural/cib-input.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

export const NOW = Date.parse('2025-06-30T12:00:00Z');

/** Two workspaces with keys, written before the server starts: one runs heavy work, one is probed. */
export async function prepareWorkspaces(db: string) {
  const store = await DuckDbStore.open(db, MIGRATIONS);
  const keys: Record<'heavy' | 'probe', { ingest: string; secret: string }> = {
    heavy: { ingest: '', secret: '' },
    probe: { ingest: '', secret: '' },
  };
  for (const ws of ['heavy', 'probe'] as const) {
    await store.createWorkspace(ws, ws, NOW);
    keys[ws] = {
      ingest: (await createKey(store, ws, 'ingest', NOW)).key,
      secret: (await createKey(store, ws, 'secret', NOW)).key,
    };
  }
  await store.close();
  return keys;
}

/**
 * A CIB whose judgements are all 0: every scenario is consistent, so the exact search can never
 * finish and runs until a limit stops it. 40 descriptors of 8 variants (within the limits of
 * MAX_DESCRIPTORS and MAX_VARIANTS) keep the body at about 200 KB.
 */
export function maximalCibBody(): string {
  const d = Math.min(40, MAX_DESCRIPTORS);
  const k = Math.min(8, MAX_VARIANTS);
  const descriptors = Array.from({ length: d }, (_, i) => ({
    id: `D${i + 1}`,
    variants: Array.from({ length: k }, (_, j) => `D${i + 1}.${j + 1}`),
  }));
  const matrix = Array.from({ length: d * k }, () => new Array<number>(d * k).fill(0));
  return JSON.stringify({ descriptors, matrix });
}

/** An n x n influence matrix from a fixed seed (about 2.3 MB of JSON at 1000 x 1000). */
export function dematelBody(n: number): string {
  const values = randomInfluenceValues(42, n, 0.3);
  return JSON.stringify({
    variables: Array.from({ length: n }, (_, i) => `v${i + 1}`),
    matrix: Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * n, (i + 1) * n))),
  });
}

/** A YAML survey definition of about `bytes` bytes: many questions, as a careless export would hold. */
export function yamlSurveyBody(bytes: number): string {
  const lines = ['name: Big survey', 'touchpoint: delivery', 'questions:'];
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const q = `  - id: q${i}\n    kind: nps\n    text: "How likely are you to recommend us, question ${i}?"`;
    lines.push(q);
    size += q.length + 1;
  }
  return lines.join('\n').slice(0, bytes);
}

let probeSeq = 0;

/** One-event ingest into `key`'s workspace; resolves to the wall time of the round trip in ms. */
export async function ingestOnce(url: string, key: string): Promise<number> {
  const body = JSON.stringify({
    batch: [
      {
        id: `probe-${process.pid}-${probeSeq++}`,
        customerId: 'c1',
        name: 'Product Viewed',
        timestamp: '2025-06-01T10:00:00Z',
      },
    ],
  });
  const start = performance.now();
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
  return ms;
}

export async function healthzOnce(url: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/healthz`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  return performance.now() - start;
}

/** Probes ingest and /healthz one after the other every `everyMs` until `done` says stop. */
export async function probeWhile(
  url: string,
  ingestKey: string,
  done: () => boolean,
  everyMs = 50,
): Promise<{ ingest: number[]; healthz: number[] }> {
  const ingest: number[] = [];
  const healthz: number[] = [];
  while (!done()) {
    ingest.push(await ingestOnce(url, ingestKey));
    healthz.push(await healthzOnce(url));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return { ingest, healthz };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Posted {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: { error?: { code: string; issues?: { path: string; code: string }[] } };
}

/** Sends a heavy request and records how it ended. */
export async function post(
  url: string,
  path: string,
  key: string,
  body: string,
  contentType = 'application/json',
  method = 'POST',
): Promise<Posted> {
  const start = performance.now();
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    ms: performance.now() - start,
    retryAfter: res.headers.get('retry-after'),
    body: JSON.parse(text) as Posted['body'],
  };
}
