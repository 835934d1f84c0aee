import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { row, text } from '../../src/platform/store/rows.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import {
  call,
  MARKER,
  prepareWorkspaces,
  Tally,
  VICTIM_CUSTOMER,
  VICTIM_SURVEY,
  type Keys,
} from './attack-kit.ts';
import { fuzzCorpus } from './fuzz-corpus.ts';

// The attack of issue #13 kept as a suite: a real server, one workspace attacking another's data
// through every operation the API documents, the ingest key on everything it must not open, a
// fuzz corpus against ingest, and SIGKILL during ingest. Prints cases, held and failed per area.

const tally = new Tally();
const tmp = tempDir('cxloop-attack-');
let server: Awaited<ReturnType<typeof startServerProcess>>;
let keys: Record<'victim' | 'attacker', Keys>;
let invitationId = '';

/** Paths whose operations take data in (the ingest key's whole purpose). */
const INGEST = /^\/v1\/(events|feedback|identify|track|batch|import|page|screen|group|alias|sdk\/.*)$/;

/**
 * Segment's batch endpoints answer 200 to a batch whose messages are all refused: real SDKs drop a
 * batch on a 400, so refused messages go to the rejects log instead. Nothing may be stored.
 */
const SEGMENT_BATCH = /^\/v1\/(batch|import)$/;
function allRejected(text: string): boolean {
  try {
    const reply = JSON.parse(text) as { stored?: number; rejected?: number };
    return reply.stored === 0 && (reply.rejected ?? 0) > 0;
  } catch {
    return false;
  }
}

interface Operation {
  method: string;
  path: string;
  secured: boolean;
  params: { name: string; in: string; required?: boolean }[];
  hasBody: boolean;
}

async function operations(): Promise<Operation[]> {
  const doc = JSON.parse((await call(server.url, 'GET', '/openapi.json', null)).text) as {
    paths: Record<
      string,
      Record<string, { security?: unknown[]; parameters?: Operation['params']; requestBody?: unknown }>
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      secured: (op.security ?? []).length > 0,
      params: op.parameters ?? [],
      hasBody: op.requestBody !== undefined,
    })),
  );
}

/** The victim's ids in the path, and plausible values for the query. */
function fill(op: Operation): string {
  const path = op.path.replace(/\{(\w+)\}/g, () => {
    if (op.path.startsWith('/v1/customers')) return VICTIM_CUSTOMER;
    if (op.path.startsWith('/v1/surveys')) return VICTIM_SURVEY;
    if (op.path.startsWith('/v1/invitations')) return invitationId;
    if (op.path.startsWith('/v1/touchpoints')) return 'product-pages';
    // An id the victim has nothing under: a 404 that echoes it reveals only the attacker's input.
    return 'no-such-object';
  });
  const values: Record<string, string> = {
    from: '2000-01-01',
    to: '2030-12-31',
    customerId: VICTIM_CUSTOMER,
    q: MARKER.slice(0, 6).toLowerCase(),
    surveyId: VICTIM_SURVEY,
  };
  const query = op.params
    .filter((p) => p.in === 'query' && values[p.name] !== undefined)
    .map((p) => `${p.name}=${encodeURIComponent(values[p.name]!)}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

function bodyFor(op: Operation): string | undefined {
  if (!op.hasBody) return undefined;
  if (op.path.endsWith('/invitations')) return JSON.stringify({ customerId: VICTIM_CUSTOMER });
  if (op.path.endsWith('/answers')) return JSON.stringify({ answers: [{ question: 'ease', value: 1 }] });
  return '{}';
}

/** What the victim can see of its own data: must be the same after the attack as before. */
async function victimView(): Promise<string> {
  const reads = [
    '/v1/session',
    `/v1/customers/${VICTIM_CUSTOMER}/timeline`,
    '/v1/surveys',
    `/v1/invitations/${invitationId}`,
    `/v1/surveys/${VICTIM_SURVEY}/results`,
  ];
  const out: string[] = [];
  for (const path of reads) {
    const reply = await call(server.url, 'GET', path, keys.victim.secret);
    assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    out.push(reply.text.replace(/"expiresAt":\d+/g, ''));
  }
  return out.join('\n');
}

before(async () => {
  keys = await prepareWorkspaces(tmp.db);
  server = await startServerProcess(tmp.db);
  const v = keys.victim;
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const seeded = [
    await call(
      server.url,
      'POST',
      '/v1/identify',
      v.ingest,
      JSON.stringify({ customerId: VICTIM_CUSTOMER, traits: { note: MARKER, email: 'victim@example.com' } }),
    ),
    await call(
      server.url,
      'POST',
      '/v1/events',
      v.ingest,
      JSON.stringify({
        id: `ev-${MARKER}`,
        customerId: VICTIM_CUSTOMER,
        name: `Viewed ${MARKER}`,
        timestamp: at,
        properties: { secret: MARKER },
      }),
    ),
    await call(
      server.url,
      'POST',
      '/v1/feedback',
      v.ingest,
      JSON.stringify({
        id: `fb-${MARKER}`,
        customerId: VICTIM_CUSTOMER,
        touchpoint: 'product-pages',
        metric: 'csat',
        score: 2,
        comment: `comment ${MARKER}`,
        timestamp: at,
      }),
    ),
    await call(
      server.url,
      'PUT',
      `/v1/surveys/${VICTIM_SURVEY}`,
      v.secret,
      JSON.stringify({
        id: VICTIM_SURVEY,
        name: `Survey ${MARKER}`,
        touchpoint: 'product-pages',
        questions: [{ id: 'ease', kind: 'ces', text: `Easy? ${MARKER}`, required: true }],
      }),
    ),
  ];
  for (const reply of seeded) assert.ok(reply.status < 300, reply.text);
  const invitation = await call(
    server.url,
    'POST',
    `/v1/surveys/${VICTIM_SURVEY}/invitations`,
    v.secret,
    JSON.stringify({ customerId: VICTIM_CUSTOMER }),
  );
  assert.equal(invitation.status, 201, invitation.text);
  invitationId = (JSON.parse(invitation.text) as { id: string }).id;
  const answered = await call(
    server.url,
    'POST',
    `/v1/invitations/${invitationId}/answers`,
    v.secret,
    JSON.stringify({ answers: [{ question: 'ease', value: 2 }] }),
  );
  assert.ok(answered.status < 300, answered.text);
});

after(async () => {
  await server?.stop();
  tmp.cleanup();
  console.log(`\nattack suite (issue #13)\n${tally.table()}\n`);
});

describe('the attack suite', () => {
  test("cross-workspace: every documented operation, with the other workspace's key and the victim's ids, reveals and changes nothing of the victim", async () => {
    const before = await victimView();
    const ops = (await operations()).filter((op) => op.secured);
    assert.ok(ops.length >= 30, `${ops.length} operations`);
    for (const op of ops) {
      const path = fill(op);
      const reply = await call(server.url, op.method, path, keys.attacker.secret, bodyFor(op));
      const held = reply.status < 500 && !reply.text.includes(MARKER);
      tally.record(
        'cross-workspace',
        held,
        `${op.method} ${path}: ${reply.status} ${reply.text.slice(0, 200)}`,
      );
    }
    const unchanged = (await victimView()) === before;
    tally.record('cross-workspace', unchanged, "the victim's own view changed");
    assert.deepEqual(tally.failures('cross-workspace'), []);
  });

  test('ingest key: every documented operation that is not ingest refuses it (401/403)', async () => {
    const ops = (await operations()).filter((op) => op.secured && !INGEST.test(op.path));
    assert.ok(ops.length >= 25, `${ops.length} operations`);
    for (const op of ops) {
      const path = fill(op);
      const reply = await call(server.url, op.method, path, keys.victim.ingest, bodyFor(op));
      const held = (reply.status === 401 || reply.status === 403) && !reply.text.includes(MARKER);
      tally.record('ingest key', held, `${op.method} ${path}: ${reply.status} ${reply.text.slice(0, 200)}`);
    }
    assert.deepEqual(tally.failures('ingest key'), []);
  });

  test('fuzz: 500+ malformed ingest requests get a 4xx each (a Segment batch: 200 with every message rejected; 0 5xx) and store nothing (row counts unchanged)', async () => {
    const counts = async () =>
      (
        JSON.parse((await call(server.url, 'GET', '/v1/session', keys.victim.secret)).text) as {
          counts: unknown;
        }
      ).counts;
    const before = await counts();
    const corpus = fuzzCorpus();
    assert.ok(corpus.length >= 500, `${corpus.length} cases`);
    // A few at a time: the server is shared with the rest of the machine.
    for (let i = 0; i < corpus.length; i += 8) {
      await Promise.all(
        corpus.slice(i, i + 8).map(async (c) => {
          const reply = await call(server.url, 'POST', c.path, keys.victim.ingest, c.body);
          tally.record(
            'fuzz',
            (reply.status >= 400 && reply.status < 500) ||
              (SEGMENT_BATCH.test(c.path) && reply.status === 200 && allRejected(reply.text)),
            `${c.name}: ${reply.status} ${reply.text.slice(0, 160)}`,
          );
        }),
      );
    }
    const unchanged = JSON.stringify(await counts()) === JSON.stringify(before);
    tally.record(
      'fuzz',
      unchanged,
      `row counts changed: ${JSON.stringify(before)} -> ${JSON.stringify(await counts())}`,
    );
    assert.deepEqual(tally.failures('fuzz'), []);
  });

  test('SIGKILL during ingest: every acknowledged event is stored after a restart (2 rounds)', async () => {
    const crash = tempDir('cxloop-attack-kill-');
    try {
      const own = await prepareWorkspaces(crash.db);
      const acked: string[] = [];
      for (let round = 0; round < 2; round++) {
        const proc = await startServerProcess(crash.db);
        let stop = false;
        let n = 0;
        const senders = Array.from({ length: 4 }, async () => {
          while (!stop) {
            const b = n++;
            const ids = Array.from({ length: 100 }, (_, i) => `k${round}-${b}-${i}`);
            const body = JSON.stringify(
              ids.map((id) => ({
                id,
                customerId: `c${b % 50}`,
                name: 'Viewed',
                timestamp: new Date(Date.now() - 60_000).toISOString(),
              })),
            );
            try {
              const reply = await call(proc.url, 'POST', '/v1/events', own.victim.ingest, body);
              if (reply.status === 200) acked.push(...ids);
            } catch {
              return; // the server is gone
            }
          }
        });
        // Killed while requests are in flight, once some have been acknowledged this round.
        const before = acked.length;
        const deadline = Date.now() + 30_000;
        while (acked.length < before + 1000 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
        await proc.stop('SIGKILL');
        stop = true;
        await Promise.all(senders);
      }
      const store = await DuckDbStore.open(crash.db, MIGRATIONS);
      const stored = new Set(
        (await store.readRows(row({ id: text }), "SELECT id FROM events WHERE workspace_id = 'victim'")).map(
          (r) => r.id,
        ),
      );
      await store.close();
      assert.ok(acked.length > 0, 'nothing was acknowledged before the kill');
      const lost = acked.filter((id) => !stored.has(id));
      tally.record(
        'sigkill',
        lost.length === 0,
        `${lost.length} of ${acked.length} acknowledged events lost`,
      );
      assert.deepEqual(lost.slice(0, 5), []);
    } finally {
      crash.cleanup();
    }
  });
});
