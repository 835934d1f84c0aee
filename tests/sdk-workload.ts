/**
 * The mixed workload of issue #12, sent through an official SDK with its default settings (only the
 * host, the write key and, for the one large batch, flushAt are set, as a user must). Shared by
 * tests/e2e/segment-sdks.test.ts (exact checks) and bench/sdk-contract.ts (the table per SDK).
 */
import { Analytics as SegmentNext } from '@segment/analytics-node';
import SegmentClassic from 'analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';

export const SDKS = ['@segment/analytics-node', 'analytics-node', '@rudderstack/rudder-sdk-node'] as const;
export type SdkName = (typeof SDKS)[number];

type Message = Record<string, unknown>;
type Kind = 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';

/** The calls every SDK has, with a flush that resolves once everything queued was delivered. */
interface Client {
  call(kind: Kind, message: Message): void;
  flush(): Promise<void>;
}

type Callback = (error?: Error) => void;

/** A classic (axios-based) client: analytics-node 6 and rudder-sdk-node 3 share its API. */
interface ClassicSdk {
  identify(m: Message, callback: Callback): unknown;
  track(m: Message, callback: Callback): unknown;
  page(m: Message, callback: Callback): unknown;
  screen(m: Message, callback: Callback): unknown;
  group(m: Message, callback: Callback): unknown;
  alias(m: Message, callback: Callback): unknown;
  flush(callback?: Callback): unknown;
}

/**
 * A message's callback runs once the request that carried it was answered. The flush of these
 * SDKs sends at most flushAt messages and several flushes may be in flight, so a flush is done
 * when every message's callback has run (a failed delivery was recorded by errorHandler).
 */
function classic(sdk: ClassicSdk): Client {
  let pending = 0;
  return {
    call(kind, message) {
      pending++;
      sdk[kind](message, () => void pending--);
    },
    async flush() {
      // Flushing again until the last callback ran: one flush sends at most flushAt messages.
      while (pending > 0) {
        sdk.flush();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

/** Errors the SDK reports (a dropped batch) are collected, so a test can say none happened. */
export function createClient(
  sdk: SdkName,
  host: string,
  writeKey: string,
  errors: string[],
  flushAt?: number,
): Client {
  const batching = flushAt === undefined ? {} : { flushAt };
  if (sdk === '@segment/analytics-node') {
    const client = new SegmentNext({ writeKey, host, ...batching });
    client.on('error', (err) => errors.push(String((err as { reason?: unknown }).reason ?? err.code)));
    return {
      call: (kind, message) => void (client[kind] as (m: Message) => void)(message),
      flush: () => client.flush(),
    };
  }
  if (sdk === 'analytics-node') {
    const client = new SegmentClassic(writeKey, {
      host,
      ...batching,
      errorHandler: (err: Error) => errors.push(err.message),
    });
    return classic(client as unknown as ClassicSdk);
  }
  const client = new RudderAnalytics(writeKey, {
    dataPlaneUrl: host,
    ...batching,
    errorHandler: (err: Error) => errors.push(err.message),
  });
  return classic(client as unknown as ClassicSdk);
}

/** What cxloop must hold afterwards for one SDK's prefix. */
export interface Expected {
  /** Messages handed to the SDK. */
  sent: number;
  /** Events (track, page, screen, group) stored once each. */
  events: number;
  /** Messages sent again with a messageId already stored. */
  duplicates: number;
  /** Messages that are not valid for cxloop (accepted by the SDK), kept in the rejects log. */
  rejected: number;
  /** Identified customers, and visitors linked to them. */
  customers: number;
  aliases: number;
  /** Client times of some messages, to compare with what was stored. */
  clientTimes: Map<string, number>;
}

export const VISITORS = 60;
export const BIG_BATCH = 1200;
export const OLD_TIME = Date.parse('1999-12-31T23:00:00Z');
export const UNICODE = 'Zoë 日本語 🚀 Ünïcödé';

/**
 * Sends the workload through `sdk` with ids under `p`. Visitors p-v{i} browse anonymously, give
 * traits while anonymous, are identified as p-u{i} (merging those traits), and some have an old
 * id aliased; a batch of 1,200 track calls goes in one request; 60 track calls are sent again with
 * the same messageIds; one event has a 30,000-character property, one is from 1999, and one is
 * nested deeper than cxloop allows (the SDKs accept it; cxloop logs it as a reject).
 */
export async function sendWorkload(
  sdk: SdkName,
  host: string,
  writeKey: string,
  p: string,
  errors: string[],
): Promise<Expected> {
  const client = createClient(sdk, host, writeKey, errors);
  const clientTimes = new Map<string, number>();
  let sent = 0;
  let events = 0;
  const call = (kind: Kind, message: Message) => {
    sent++;
    if (kind === 'track' || kind === 'page' || kind === 'screen' || kind === 'group') events++;
    client.call(kind, message);
  };
  for (let i = 0; i < VISITORS; i++) {
    const anonymousId = `${p}-v${i}`;
    const at = new Date(Date.now() - (VISITORS - i) * 60_000);
    call('identify', { anonymousId, traits: { source: 'ad', plan: 'trial' } });
    const messageId = `${p}-view-${i}`;
    clientTimes.set(messageId, at.getTime());
    call('track', {
      anonymousId,
      event: 'Product Viewed',
      messageId,
      timestamp: at,
      properties: { sku: `S-${i}`, note: UNICODE },
    });
    call('page', { anonymousId, name: 'Pricing', category: 'Docs', properties: { path: '/pricing' } });
    call('identify', { userId: `${p}-u${i}`, anonymousId, traits: { plan: 'pro', name: `${UNICODE} ${i}` } });
    call('screen', { userId: `${p}-u${i}`, name: 'Cart' });
    if (i % 3 === 0)
      call('group', { userId: `${p}-u${i}`, groupId: `${p}-org${i}`, traits: { name: 'Acme', seats: i } });
    if (i % 4 === 0) call('alias', { userId: `${p}-u${i}`, previousId: `${p}-old${i}` });
  }
  const oldId = `${p}-old-event`;
  clientTimes.set(oldId, OLD_TIME);
  call('track', {
    userId: `${p}-u0`,
    event: 'Order Completed',
    messageId: oldId,
    timestamp: new Date(OLD_TIME),
  });
  call('track', {
    userId: `${p}-u1`,
    event: 'Note Written',
    messageId: `${p}-big`,
    properties: { note: 'x'.repeat(30_000) },
  });
  call('track', {
    userId: `${p}-u2`,
    event: 'Deep',
    messageId: `${p}-deep`,
    properties: { a: { b: { c: { d: { e: { f: 1 } } } } } },
  });
  await client.flush();

  // One request of 1,200 messages: the user sets flushAt for it, nothing else.
  const big = createClient(sdk, host, writeKey, errors, BIG_BATCH);
  for (let i = 0; i < BIG_BATCH; i++) {
    sent++;
    events++;
    big.call('track', {
      userId: `${p}-u${i % VISITORS}`,
      event: 'Item Scanned',
      messageId: `${p}-scan-${i}`,
      properties: { i },
    });
  }
  await big.flush();

  // Re-sends: the same messageIds again (what an SDK retry after a lost reply does).
  const again = createClient(sdk, host, writeKey, errors);
  for (let i = 0; i < VISITORS; i++) {
    sent++;
    again.call('track', {
      anonymousId: `${p}-v${i}`,
      event: 'Product Viewed',
      messageId: `${p}-view-${i}`,
      timestamp: new Date(clientTimes.get(`${p}-view-${i}`)!),
    });
  }
  await again.flush();
  return {
    sent,
    events: events - 1, // the deep one is rejected
    duplicates: VISITORS,
    rejected: 1,
    customers: VISITORS,
    aliases: VISITORS + Math.ceil(VISITORS / 4),
    clientTimes,
  };
}
