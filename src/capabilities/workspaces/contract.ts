import { z } from '@hono/zod-openapi';

/** Request and reply shapes of /v1/session (dashboard sign-in): the routes, the OpenAPI document and the dashboard's types. */

export const signInRequest = z.object({ key: z.string().min(1).max(500) }).openapi('SignInRequest');

export const sessionReply = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string() }),
    expiresAt: z.number().nullable().openapi({ description: 'epoch ms; null when signed in by key header' }),
    counts: z.object({ customers: z.number(), events: z.number(), feedback: z.number() }),
    ingestKeys: z
      .array(z.object({ prefix: z.string(), createdAt: z.number() }))
      .openapi({ description: 'the live ingest keys, by prefix (keys are stored hashed)' }),
  })
  .openapi('Session');
export type SessionInfo = z.infer<typeof sessionReply>;
