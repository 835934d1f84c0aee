import type { Store } from './port.ts';

/**
 * How long a process trusts its in-memory copy of a workspace's configuration (the journey map,
 * survey definitions) before it looks at the store again. Where several processes write
 * (PostgreSQL), a change saved through another process reaches this one within this long; on an
 * embedded file this process is the only writer and updates its copies as it saves, so they are
 * never stale.
 */
export const SHARED_COPY_MAX_AGE_MS = 1000;

export const copyMaxAgeMs = (store: Store): number =>
  store.capabilities.multiProcessWriters ? SHARED_COPY_MAX_AGE_MS : Infinity;
