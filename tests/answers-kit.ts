import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app/http/app.ts';
import { createServices, type Services } from '../src/capabilities/graph.ts';
import { readAnswersDirectory, STARTER_DIR } from '../src/capabilities/answers/directory.ts';
import { surveyConfigSchema } from '../src/capabilities/surveys/config.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { userHash } from '../src/core/surveys/user-hash.ts';
import type { Store } from '../src/platform/store/port.ts';

export const STARTER = fileURLToPath(STARTER_DIR);
export const NOW = Date.parse('2025-06-30T12:00:00Z');
const DAY = 86_400_000;
const at = (date: string) => `${date}T10:00:00Z`;

/**
 * Planted customers, each with one story of their latest order (and an older one that must not be
 * answered), stored through the real ingest path. Dates are chosen so the expected answers can
 * be checked by hand against NOW (2025-06-30).
 */
export function plantedEvents() {
  const e = (
    id: string,
    customerId: string,
    name: string,
    date: string,
    properties: Record<string, unknown>,
  ) => ({
    id,
    customerId,
    name,
    timestamp: at(date),
    properties,
  });
  return [
    // An old order of the late customer: delivered, so an answer from it would say "delivered".
    e('l0', 'late-1', 'Order Completed', '2025-03-01', { orderId: 'o-old' }),
    e('l0d', 'late-1', 'Order Delivered', '2025-03-05', { orderId: 'o-old', carrier: 'DHL' }),
    // Promised 2025-06-26, not delivered by 2025-06-30: late by 4 days.
    e('l1', 'late-1', 'Order Completed', '2025-06-20', { orderId: 'o-late' }),
    e('l2', 'late-1', 'Order Shipped', '2025-06-21', {
      orderId: 'o-late',
      carrier: 'UPS',
      trackingUrl: 'https://track.example/UPS/o-late',
      promisedDate: '2025-06-26',
    }),
    e('l3', 'late-1', 'Delivery Delayed', '2025-06-25', {
      orderId: 'o-late',
      carrier: 'UPS',
      newEstimate: '2025-07-02',
    }),
    // Delivered 2025-06-15, a day before the promise: on time; return by 2025-07-15 (30 days).
    e('t1', 'ontime-1', 'Order Completed', '2025-06-10', { orderId: 'o-ontime' }),
    e('t2', 'ontime-1', 'Order Shipped', '2025-06-11', {
      orderId: 'o-ontime',
      carrier: 'DHL',
      promisedDate: '2025-06-16',
    }),
    e('t3', 'ontime-1', 'Order Delivered', '2025-06-15', { orderId: 'o-ontime', carrier: 'DHL' }),
    // Returned and refunded.
    e('r1', 'refunded-1', 'Order Completed', '2025-05-01', { orderId: 'o-refund' }),
    e('r2', 'refunded-1', 'Order Shipped', '2025-05-02', {
      orderId: 'o-refund',
      carrier: 'FedEx',
      promisedDate: '2025-05-07',
    }),
    e('r3', 'refunded-1', 'Order Delivered', '2025-05-06', { orderId: 'o-refund' }),
    e('r4', 'refunded-1', 'Return Requested', '2025-05-10', { orderId: 'o-refund', reason: 'too small' }),
    e('r5', 'refunded-1', 'Refund Issued', '2025-05-14', {
      orderId: 'o-refund',
      amount: 49.9,
      currency: 'EUR',
    }),
    // Delivered three days after the promise; return requested, no refund yet.
    e('d1', 'pending-1', 'Order Completed', '2025-06-05', { orderId: 'o-pending' }),
    e('d2', 'pending-1', 'Order Shipped', '2025-06-06', {
      orderId: 'o-pending',
      carrier: 'USPS',
      promisedDate: '2025-06-11',
    }),
    e('d3', 'pending-1', 'Order Delivered', '2025-06-14', { orderId: 'o-pending', late: true }),
    e('d4', 'pending-1', 'Return Requested', '2025-06-20', { orderId: 'o-pending' }),
  ];
}

export const plantedDay = (days: number) => new Date(NOW - days * DAY).toISOString();

/** Two workspaces with keys, the starter knowledge base applied to acme, and the planted orders. */
export async function answersKit(store: Store, options: { smtpPort?: number; now?: () => number } = {}) {
  const clock = { now: NOW };
  const surveys = surveyConfigSchema.parse({
    smtp: options.smtpPort
      ? { host: '127.0.0.1', port: options.smtpPort, tls: 'none', from: 'Shop <cx@shop.test>' }
      : {},
    publicRequestsPerMinute: 100_000,
  });
  const services: Services = createServices(store, options.now ?? (() => clock.now), { surveys });
  const keys: Record<string, { ingest: string; secret: string }> = {};
  for (const ws of ['acme', 'globex']) {
    if (!(await store.getWorkspace(ws))) await store.createWorkspace(ws, ws, clock.now);
    keys[ws] = {
      ingest: (await createKey(store, ws, 'ingest', clock.now)).key,
      secret: (await createKey(store, ws, 'secret', clock.now)).key,
    };
  }
  const app = createApp(services);
  const call = async (method: string, path: string, key: string | null, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test replies are read field by field
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  };
  const applied = await call('PUT', '/v1/answers', keys.acme!.secret, readAnswersDirectory(STARTER));
  if (applied.status !== 200) throw new Error(`apply: ${applied.text}`);
  const planted = await call('POST', '/v1/events', keys.acme!.ingest, { batch: plantedEvents() });
  if (planted.status !== 200) throw new Error(`planting: ${planted.text}`);
  const hashOf = async (ws: string, customerId: string) =>
    userHash(customerId, await services.surveys.tokens.identitySecret(ws, clock.now));
  let turn = 0;
  /** Asks as a verified customer (or anonymously with `customerId: null`). */
  const ask = async (
    customerId: string | null,
    question: string,
    extra: Record<string, unknown> = {},
    ws = 'acme',
  ) => {
    turn++;
    const who = customerId
      ? { customerId, userHash: await hashOf(ws, customerId), anonymousId: `anon-${customerId}` }
      : { anonymousId: 'anon-visitor' };
    return call('POST', '/v1/sdk/answers/ask', keys[ws]!.ingest, {
      ...who,
      question,
      conversationId: `conv-${customerId ?? 'anon'}-0001`,
      turnId: `turn-${String(turn).padStart(6, '0')}`,
      ...extra,
    });
  };
  return { services, store, keys, app, call, ask, hashOf, clock, close: () => services.answers.close() };
}
export type AnswersKit = Awaited<ReturnType<typeof answersKit>>;
