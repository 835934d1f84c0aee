import { z } from 'zod';

/**
 * Configuration of survey delivery, parsed once at start-up (from the environment by the server)
 * and passed down. Nothing below reads process.env.
 */
export const surveyConfigSchema = z.strictObject({
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
    .default({
      port: 587,
      tls: 'starttls',
      from: 'cxloop <surveys@localhost>',
      allowSelfSigned: false,
      maxConnections: 5,
    }),
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
    .default({
      pollMs: 1000,
      batchSize: 500,
      concurrency: 20,
      maxAttempts: 8,
      retryBaseMs: 60_000,
      retryMaxMs: 6 * 3_600_000,
      leaseMs: 120_000,
    }),
  /** Requests per minute one address may make to the public survey pages and answer endpoints. */
  publicRequestsPerMinute: z.number().int().min(1).default(120),
});
export type SurveyConfig = z.infer<typeof surveyConfigSchema>;
export const DEFAULT_SURVEY_CONFIG: SurveyConfig = surveyConfigSchema.parse({});

/** Reads CXLOOP_* variables into the config; a bad value stops start-up with its name. */
export function surveyConfigFromEnv(env: Record<string, string | undefined>): SurveyConfig {
  const num = (name: string) => (env[name] === undefined ? undefined : Number(env[name]));
  const bool = (name: string) => (env[name] === undefined ? undefined : /^(1|true|yes)$/i.test(env[name]!));
  const drop = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const parsed = surveyConfigSchema.safeParse({
    publicUrl: env.CXLOOP_PUBLIC_URL,
    smtp: drop({
      host: env.CXLOOP_SMTP_HOST,
      port: num('CXLOOP_SMTP_PORT'),
      tls: env.CXLOOP_SMTP_TLS,
      user: env.CXLOOP_SMTP_USER,
      pass: env.CXLOOP_SMTP_PASS,
      from: env.CXLOOP_MAIL_FROM,
      allowSelfSigned: bool('CXLOOP_SMTP_ALLOW_SELF_SIGNED'),
      maxConnections: num('CXLOOP_SMTP_MAX_CONNECTIONS'),
    }),
    dispatch: drop({
      pollMs: num('CXLOOP_DISPATCH_POLL_MS'),
      batchSize: num('CXLOOP_DISPATCH_BATCH'),
      concurrency: num('CXLOOP_DISPATCH_CONCURRENCY'),
      retryBaseMs: num('CXLOOP_RETRY_BASE_MS'),
      leaseMs: num('CXLOOP_DISPATCH_LEASE_MS'),
    }),
    publicRequestsPerMinute: num('CXLOOP_PUBLIC_RATE_PER_MINUTE'),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`survey configuration from the environment is not valid: ${problems}`);
  }
  return parsed.data;
}
