import { z } from 'zod';
import type { FieldIssue } from '../core/issues.ts';
import { DomainError } from './errors.ts';

/**
 * cxloop's configuration: one schema, parsed once at start-up from the environment (loadConfig,
 * called by the CLI before a command runs, not at `--help`, which must not load zod) and passed down. This is the only module that reads process.env (tests/architecture.test.ts
 * checks it), so every setting has one name, one default and one check.
 */
export const configSchema = z.strictObject({
  /** DuckDB file or postgres:// URL; a command's --db wins. */
  db: z.string().default('./data/cxloop.duckdb'),
  server: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(3000),
      host: z.string().min(1).default('127.0.0.1'),
    })
    .prefault({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ingest: z
    .strictObject({
      /** The earliest event time ingest accepts, an ISO-8601 date; 1970-01-01 when unset. */
      earliest: z
        .string()
        .refine((v) => Number.isFinite(Date.parse(v)), 'an ISO-8601 date, e.g. 2000-01-01')
        .optional(),
    })
    .prefault({}),
  /** Survey delivery (capabilities/surveys/config.ts names this section SurveyConfig). */
  surveys: z
    .strictObject({
      /** Base of the links in emails, e.g. https://cx.example.com; the server's own URL when unset. */
      publicUrl: z.url().optional(),
      smtp: z
        .strictObject({
          /** No host: email invitations wait (and retry) until one is configured. */
          host: z.string().min(1).optional(),
          port: z.number().int().min(1).max(65535).default(587),
          /** implicit: TLS from the first byte (port 465); starttls: upgrade required; none: plain (loopback only). */
          tls: z.enum(['implicit', 'starttls', 'none']).default('starttls'),
          user: z.string().optional(),
          pass: z.string().optional(),
          from: z.string().min(3).default('cxloop <surveys@localhost>'),
          /** Accept a self-signed certificate (a test or internal relay), never for a public server. */
          allowSelfSigned: z.boolean().default(false),
          maxConnections: z.number().int().min(1).max(100).default(5),
        })
        .prefault({}),
      dispatch: z
        .strictObject({
          pollMs: z.number().int().min(10).default(1000),
          batchSize: z.number().int().min(1).max(5000).default(500),
          /** Messages in flight at once, at most one per SMTP connection; each round is recorded before the next. */
          concurrency: z.number().int().min(1).max(500).default(20),
          maxAttempts: z.number().int().min(1).max(50).default(8),
          retryBaseMs: z.number().int().min(1).default(60_000),
          retryMaxMs: z
            .number()
            .int()
            .min(1)
            .default(6 * 3_600_000),
          /** A claimed invitation not finished within this time is claimed again (its worker died). */
          leaseMs: z.number().int().min(1000).default(120_000),
        })
        .prefault({}),
      /** Requests per minute one address may make to the public survey pages and answer endpoints. */
      publicRequestsPerMinute: z.number().int().min(1).default(120),
    })
    .prefault({}),
  /**
   * The worker pool for heavy work (platform/workers/limits.ts): unset values take the defaults
   * there, which depend on the machine's cores.
   */
  workers: z
    .strictObject({
      size: z.number().int().positive().optional(),
      maxQueue: z.number().int().nonnegative().optional(),
      perKey: z.number().int().positive().optional(),
      timeLimitMs: z.number().int().positive().optional(),
      memoryMb: z.number().int().positive().optional(),
    })
    .prefault({}),
  events: z
    .strictObject({
      /**
       * Delivered domain events are kept this long after every subscriber has passed them (for
       * inspection and late debugging), then pruned; 7 days by default.
       */
      outboxRetentionMs: z
        .number()
        .int()
        .nonnegative()
        .default(7 * 86_400_000),
    })
    .prefault({}),
  /** People who sign in (capabilities/people): the first admin. */
  people: z
    .strictObject({
      /** The email of the admin the first start creates (they sign in by the printed link, then set a password). */
      adminEmail: z.email().default('admin@localhost'),
    })
    .prefault({}),
});
export type Config = z.infer<typeof configSchema>;

type Text = 'string' | 'number' | 'boolean';

/** Every environment variable cxloop reads: where its value goes in the config, and what it holds. */
export const ENVIRONMENT: Record<string, { path: readonly string[]; as: Text }> = {
  CXLOOP_DB: { path: ['db'], as: 'string' },
  PORT: { path: ['server', 'port'], as: 'number' },
  HOST: { path: ['server', 'host'], as: 'string' },
  LOG_LEVEL: { path: ['logLevel'], as: 'string' },
  CXLOOP_INGEST_EARLIEST: { path: ['ingest', 'earliest'], as: 'string' },
  CXLOOP_PUBLIC_URL: { path: ['surveys', 'publicUrl'], as: 'string' },
  CXLOOP_SMTP_HOST: { path: ['surveys', 'smtp', 'host'], as: 'string' },
  CXLOOP_SMTP_PORT: { path: ['surveys', 'smtp', 'port'], as: 'number' },
  CXLOOP_SMTP_TLS: { path: ['surveys', 'smtp', 'tls'], as: 'string' },
  CXLOOP_SMTP_USER: { path: ['surveys', 'smtp', 'user'], as: 'string' },
  CXLOOP_SMTP_PASS: { path: ['surveys', 'smtp', 'pass'], as: 'string' },
  CXLOOP_MAIL_FROM: { path: ['surveys', 'smtp', 'from'], as: 'string' },
  CXLOOP_SMTP_ALLOW_SELF_SIGNED: { path: ['surveys', 'smtp', 'allowSelfSigned'], as: 'boolean' },
  CXLOOP_SMTP_MAX_CONNECTIONS: { path: ['surveys', 'smtp', 'maxConnections'], as: 'number' },
  CXLOOP_DISPATCH_POLL_MS: { path: ['surveys', 'dispatch', 'pollMs'], as: 'number' },
  CXLOOP_DISPATCH_BATCH: { path: ['surveys', 'dispatch', 'batchSize'], as: 'number' },
  CXLOOP_DISPATCH_CONCURRENCY: { path: ['surveys', 'dispatch', 'concurrency'], as: 'number' },
  CXLOOP_RETRY_BASE_MS: { path: ['surveys', 'dispatch', 'retryBaseMs'], as: 'number' },
  CXLOOP_DISPATCH_LEASE_MS: { path: ['surveys', 'dispatch', 'leaseMs'], as: 'number' },
  CXLOOP_PUBLIC_RATE_PER_MINUTE: { path: ['surveys', 'publicRequestsPerMinute'], as: 'number' },
  CXLOOP_WORKERS: { path: ['workers', 'size'], as: 'number' },
  CXLOOP_WORK_QUEUE: { path: ['workers', 'maxQueue'], as: 'number' },
  CXLOOP_WORK_PER_WORKSPACE: { path: ['workers', 'perKey'], as: 'number' },
  CXLOOP_WORK_TIME_LIMIT_MS: { path: ['workers', 'timeLimitMs'], as: 'number' },
  CXLOOP_WORK_MEMORY_MB: { path: ['workers', 'memoryMb'], as: 'number' },
  CXLOOP_OUTBOX_RETENTION_MS: { path: ['events', 'outboxRetentionMs'], as: 'number' },
  CXLOOP_ADMIN_EMAIL: { path: ['people', 'adminEmail'], as: 'string' },
};

/**
 * Text to the value the schema checks. What is not a number or a yes/no stays text, so the
 * schema refuses it by the variable's name instead of it quietly becoming NaN or false.
 */
function fromText(text: string, as: Text): unknown {
  if (as === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (as === 'boolean') {
    if (/^(1|true|yes)$/i.test(text)) return true;
    if (/^(0|false|no)$/i.test(text)) return false;
  }
  return text;
}

/** Parses the environment into the config; a bad value is refused with its variable's name. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, unknown> = {};
  for (const [name, { path, as }] of Object.entries(ENVIRONMENT)) {
    const text = env[name];
    if (text === undefined) continue;
    let at = input;
    for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = fromText(text, as);
  }
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const byPath = new Map(Object.entries(ENVIRONMENT).map(([name, v]) => [v.path.join('.'), name]));
  const issues: FieldIssue[] = parsed.error.issues.map((i) => ({
    path: byPath.get(i.path.join('.')) ?? i.path.join('.'),
    code: i.code,
    message: i.message,
  }));
  throw new DomainError(
    'invalid',
    `the configuration in the environment is not valid: ${[...new Set(issues.map((i) => i.path))].join(', ')}`,
    { code: 'invalid_config', issues },
  );
}
