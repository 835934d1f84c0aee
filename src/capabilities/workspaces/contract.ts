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

export const keyKindSchema = z.enum(['ingest', 'secret']);

export const keyInfo = z
  .object({
    id: z.string(),
    kind: keyKindSchema,
    prefix: z
      .string()
      .openapi({ description: 'the first 16 characters: identifies the key, never opens anything' }),
    createdAt: z.number().openapi({ description: 'epoch ms' }),
    revokedAt: z.number().nullable().openapi({ description: 'epoch ms; null while the key is live' }),
  })
  .openapi('ApiKey');

export const keyListReply = z.object({ keys: z.array(keyInfo) }).openapi('ApiKeyList');

export const createKeyRequest = z.object({ kind: keyKindSchema }).openapi('CreateApiKey');

export const createdKeyReply = keyInfo
  .extend({
    key: z
      .string()
      .openapi({ description: 'the key itself: shown in this reply only (keys are stored hashed)' }),
  })
  .openapi('CreatedApiKey');
export type ApiKeyList = z.infer<typeof keyListReply>;
export type CreatedApiKey = z.infer<typeof createdKeyReply>;
