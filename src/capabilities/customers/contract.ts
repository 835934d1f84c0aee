import { z } from '@hono/zod-openapi';

/** Request and reply shapes of GET /v1/customers (the routes, the OpenAPI document and the dashboard's types). */

export const customerSearchQuery = z.object({
  q: z.string().trim().min(1).max(200).openapi({ description: 'what to look for' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const customerMatch = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    lastSeen: z.number().nullable().openapi({ description: 'epoch ms' }),
  })
  .openapi('CustomerMatch');
export type CustomerMatch = z.infer<typeof customerMatch>;

export const customerSearchReply = z
  .object({ customers: z.array(customerMatch).openapi({ description: 'most recently seen first' }) })
  .openapi('CustomerSearch');
export type CustomerSearchReply = z.infer<typeof customerSearchReply>;
