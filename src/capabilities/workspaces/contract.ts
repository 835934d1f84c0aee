import { z } from '@hono/zod-openapi';

/** Request and reply shapes of /v1/session (dashboard sign-in): the routes, the OpenAPI document and the dashboard's types. */

export const signInRequest = z.object({ key: z.string().min(1).max(500) }).openapi('SignInRequest');

export const sessionReply = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string() }),
    principal: z
      .object({
        kind: z.enum(['user', 'key', 'local']),
        id: z.string(),
        role: z.enum(['viewer', 'agent', 'analyst', 'admin']),
        email: z.string().nullable(),
        name: z.string().nullable(),
      })
      .openapi({ description: 'who is signed in, and their role in this workspace' }),
    allowed: z.array(z.string()).openapi({
      description: 'the operations ("GET /v1/keys") this role may call: the dashboard hides the rest',
    }),
    expiresAt: z.number().nullable().openapi({ description: 'epoch ms; null when signed in by key header' }),
    counts: z.object({ customers: z.number(), events: z.number(), feedback: z.number() }),
    ingestKeys: z
      .array(z.object({ prefix: z.string(), createdAt: z.number() }))
      .openapi({ description: 'the live ingest keys, by prefix (keys are stored hashed)' }),
  })
  .openapi('Session');
export type SessionInfo = z.infer<typeof sessionReply>;

/** GET /v1/data-load: a background load into the workspace (the demo data set at first start) and its progress. */
export const dataLoadReply = z
  .object({
    load: z
      .object({
        what: z.string().openapi({ example: 'the demo data set' }),
        state: z.enum(['loading', 'loaded', 'failed']),
        phase: z.enum(['generating', 'storing', 'done']),
        done: z.number().int().openapi({ description: 'steps done of total in this phase' }),
        total: z.number().int(),
        share: z.number().openapi({ description: '0-1 across generating and storing, for one progress bar' }),
        startedAt: z.number().openapi({ description: 'epoch ms' }),
        finishedAt: z.number().nullable(),
        error: z.string().nullable(),
      })
      .nullable()
      .openapi({
        description: 'null when this server has loaded nothing into the workspace since it started',
      }),
  })
  .openapi('DataLoad');
export type DataLoadInfo = z.infer<typeof dataLoadReply>;

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

export const createKeyRequest = z
  .object({
    kind: keyKindSchema,
    role: z.enum(['viewer', 'agent', 'analyst', 'admin']).optional().openapi({
      description:
        "secret keys: the role the key acts with, at most the creator's (their role when not given)",
    }),
  })
  .openapi('CreateApiKey');

export const createdKeyReply = keyInfo
  .extend({
    key: z
      .string()
      .openapi({ description: 'the key itself: shown in this reply only (keys are stored hashed)' }),
  })
  .openapi('CreatedApiKey');
export type ApiKeyList = z.infer<typeof keyListReply>;
export type CreatedApiKey = z.infer<typeof createdKeyReply>;
