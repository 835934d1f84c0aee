import { z } from '@hono/zod-openapi';

/** Request and reply shapes of GET /v1/customers (the routes, the OpenAPI document and the dashboard's types). */

export const customerSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'what to look for; required unless touchpoint or experience filters the list' }),
  touchpoint: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: 'only customers who answered about this touchpoint (its id) in the period' }),
  experience: z.enum(['bad', 'good']).optional().openapi({
    description:
      'only customers with an answer of this kind in the period (bad: NPS 0-6, CSAT bottom two boxes ...)',
  }),
  from: z.string().min(1).max(40).optional().openapi({
    description: 'with filters: start of the period (YYYY-MM-DD or ISO-8601); default 7 days before now',
  }),
  to: z.string().min(1).max(40).optional().openapi({
    description: 'with filters: end of the period (a date includes that whole day); default now',
  }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const customerMatch = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    lastSeen: z
      .number()
      .nullable()
      .openapi({ description: 'epoch ms: their latest event, answer or identify call' }),
    answers: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'with filters: their answers in the period that match them' }),
  })
  .openapi('CustomerMatch');
export type CustomerMatch = z.infer<typeof customerMatch>;

export const customerSearchReply = z
  .object({
    customers: z.array(customerMatch).openapi({ description: 'most recently seen first' }),
    filter: z
      .object({
        touchpoint: z.string().nullable(),
        experience: z.enum(['bad', 'good']).nullable(),
        from: z.string().openapi({ description: 'ISO-8601, inclusive' }),
        to: z.string().openapi({ description: 'ISO-8601, exclusive' }),
        population: z.string().openapi({ description: 'who is listed, in words' }),
      })
      .optional()
      .openapi({ description: 'present when the list is filtered: what it counts' }),
  })
  .openapi('CustomerSearch');
export type CustomerSearchReply = z.infer<typeof customerSearchReply>;
