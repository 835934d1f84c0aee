import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from './errors.ts';
import { ENVIRONMENT, loadConfig } from './config.ts';

test('an empty environment gives the documented defaults', () => {
  const config = loadConfig({});
  assert.equal(config.db, './data/cxloop.duckdb');
  assert.deepEqual(config.server, { port: 3000, host: '127.0.0.1' });
  assert.equal(config.logLevel, 'info');
  assert.equal(config.surveys.smtp.host, undefined);
  assert.equal(config.surveys.smtp.port, 587);
  assert.equal(config.surveys.dispatch.batchSize, 500);
  assert.equal(config.surveys.publicRequestsPerMinute, 120);
  assert.deepEqual(config.workers, {}, 'the pool picks its own defaults from the cores');
  assert.equal(config.events.outboxRetentionMs, 7 * 86_400_000);
});

test('each variable lands where the table says, as a number or yes/no where it is one', () => {
  const config = loadConfig({
    CXLOOP_DB: 'postgres://cx@db/cx',
    PORT: '0',
    HOST: '0.0.0.0',
    LOG_LEVEL: 'warn',
    CXLOOP_PUBLIC_URL: 'https://cx.example.com',
    CXLOOP_SMTP_HOST: 'mail',
    CXLOOP_SMTP_PORT: '2525',
    CXLOOP_SMTP_TLS: 'none',
    CXLOOP_INGEST_EARLIEST: '2020-01-01',
    CXLOOP_SMTP_ALLOW_SELF_SIGNED: 'yes',
    CXLOOP_DISPATCH_BATCH: '1000',
    CXLOOP_PUBLIC_RATE_PER_MINUTE: '100000000',
    CXLOOP_WORKERS: '3',
    CXLOOP_WORK_QUEUE: '0',
    CXLOOP_OUTBOX_RETENTION_MS: '60000',
  });
  assert.equal(config.db, 'postgres://cx@db/cx');
  assert.deepEqual(config.server, { port: 0, host: '0.0.0.0' });
  assert.equal(config.logLevel, 'warn');
  assert.equal(config.surveys.publicUrl, 'https://cx.example.com');
  assert.equal(config.surveys.smtp.host, 'mail');
  assert.equal(config.surveys.smtp.port, 2525);
  assert.equal(config.surveys.smtp.tls, 'none');
  assert.equal(config.surveys.smtp.allowSelfSigned, true);
  assert.equal(config.surveys.smtp.from, 'cxloop <surveys@localhost>', 'an unset variable keeps its default');
  assert.equal(config.surveys.dispatch.batchSize, 1000);
  assert.equal(config.surveys.publicRequestsPerMinute, 100_000_000);
  assert.deepEqual(config.workers, { size: 3, maxQueue: 0 });
  assert.equal(config.events.outboxRetentionMs, 60_000);
  // Variables unrelated to cxloop are not its business.
  assert.doesNotThrow(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' }));
});

test('a bad value is refused with the name of its variable, every bad one at once', () => {
  const bad = {
    CXLOOP_SMTP_PORT: 'smtp',
    PORT: '70000',
    CXLOOP_SMTP_ALLOW_SELF_SIGNED: 'maybe',
    LOG_LEVEL: 'loud',
    CXLOOP_PUBLIC_URL: 'not a url',
    CXLOOP_DISPATCH_POLL_MS: '',
    CXLOOP_WORKERS: '0',
    CXLOOP_OUTBOX_RETENTION_MS: '-1',
  };
  const error = (() => {
    try {
      loadConfig(bad);
    } catch (e) {
      return e;
    }
    assert.fail('a bad environment was accepted');
  })();
  assert.ok(error instanceof DomainError);
  assert.equal(error.kind, 'invalid');
  assert.equal(error.code, 'invalid_config');
  assert.deepEqual(error.issues.map((i) => i.path).sort(), Object.keys(bad).sort());
  for (const name of Object.keys(bad)) assert.match(error.message, new RegExp(name));
});

test('every variable in the table has a place in the schema (a wrong path is an unknown key)', () => {
  const defaults = loadConfig({}) as unknown as Record<string, unknown>;
  const at = (path: readonly string[]) =>
    path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], defaults);
  const TEXT: Record<string, string> = {
    CXLOOP_PUBLIC_URL: 'https://cx.example.com',
    LOG_LEVEL: 'debug',
    CXLOOP_SMTP_TLS: 'none',
    CXLOOP_INGEST_EARLIEST: '2000-01-01',
    CXLOOP_ADMIN_EMAIL: 'ops@example.com',
  };
  for (const [name, { path, as }] of Object.entries(ENVIRONMENT)) {
    // Settings without a default (the pool's, which depend on the cores) take any valid value.
    const sample = as === 'string' ? (TEXT[name] ?? 'some-value') : String(at(path) ?? 1);
    assert.doesNotThrow(() => loadConfig({ [name]: sample }), name);
  }
});
