import { z } from '@hono/zod-openapi';

/** Request and reply shapes of the privacy routes (routes, OpenAPI document, dashboard types). */

export const auditQuery = z.object({
  actor: z.string().min(1).max(200).optional().openapi({ description: 'an actor id (a key id, a user id)' }),
  operation: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'e.g. journey.replace, key.create, customer.erase' }),
  target: z.string().min(1).max(300).optional().openapi({ description: 'e.g. survey:nps, key:k_1, journey' }),
  customer: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'a customer id: the log names customers by a hash, which this is turned into' }),
  from: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: 'start of the period (YYYY-MM-DD or ISO-8601)' }),
  to: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: 'end of the period (a date includes that day)' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(400).optional().openapi({ description: 'the `next` of the previous page' }),
});

export const auditEntry = z
  .object({
    id: z.string(),
    at: z.number().openapi({ description: 'epoch ms' }),
    actor: z.object({ kind: z.string(), id: z.string() }),
    operation: z.string(),
    target: z.string().nullable(),
    diff: z
      .array(z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }))
      .nullable()
      .openapi({ description: 'configuration changes: each changed leaf, before and after' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const auditReply = z
  .object({
    entries: z.array(auditEntry),
    next: z.string().nullable().openapi({ description: 'pass as cursor for the next (older) page' }),
    population: z
      .string()
      .openapi({ description: 'what the entries are: which workspace, period and filters' }),
  })
  .openapi('AuditPage');

export const customerIdParam = z.object({ id: z.string().min(1).max(200) });

export const exportQuery = z.object({
  format: z.enum(['json', 'zip']).default('json').openapi({
    description: 'json: one document; zip: customer.json and one CSV per table',
  }),
});

export const customerExport = z
  .object({
    customer: z.object({ id: z.string(), anonymousIds: z.array(z.string()), emails: z.array(z.string()) }),
    exportedAt: z.string(),
    tables: z.array(
      z.object({
        table: z.string(),
        holds: z.string().openapi({ description: 'what the rows are' }),
        columns: z.array(z.string()).openapi({ description: 'column names; empty when there are no rows' }),
        rows: z.array(z.array(z.unknown())).openapi({ description: 'each row: its values, in column order' }),
      }),
    ),
  })
  .openapi('CustomerExport');

export const erasureReply = z
  .object({
    target: z.string().openapi({ description: 'how the audit log names the erased customer (a hash)' }),
    rows: z
      .record(z.string(), z.number())
      .openapi({ description: 'rows deleted (outbox: overwritten) per table' }),
    suppressed: z.object({ customer: z.number(), anonymous: z.number(), email: z.number() }),
    reclaim: z.union([
      z.object({
        engine: z.literal('duckdb'),
        rewritten: z.boolean(),
        bytesBefore: z.number(),
        bytesAfter: z.number(),
      }),
      z.object({ engine: z.literal('postgres'), vacuumed: z.array(z.string()) }),
    ]),
  })
  .openapi('Erasure');

export const retentionSettings = z
  .object({
    eventsDays: z.number().int().min(1).max(36_500).nullable(),
    commentsDays: z.number().int().min(1).max(36_500).nullable(),
  })
  .openapi('Retention');

export type AuditPage = z.infer<typeof auditReply>;
export type Erasure = z.infer<typeof erasureReply>;
