import { z } from '@hono/zod-openapi';

/** Reply and error shapes, shared by the routes and the OpenAPI document. */
export const errorSchema = z
  .object({
    code: z.string().openapi({ description: 'the same as error.code (where Segment-style clients read it)' }),
    message: z.string().openapi({ description: 'the same as error.message' }),
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z
        .array(
          z.object({
            index: z.number().int().optional().openapi({ description: 'position of the item in the batch' }),
            path: z.string().openapi({ description: 'dotted path of the field inside the item' }),
            code: z.string(),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: {
    description: 'invalid input: every problem with its item index and field path',
    content: { 'application/json': { schema: errorSchema } },
  },
  401: { description: 'missing or unknown key', content: { 'application/json': { schema: errorSchema } } },
  403: {
    description: 'the key is of the wrong kind',
    content: { 'application/json': { schema: errorSchema } },
  },
  413: { description: 'body too large', content: { 'application/json': { schema: errorSchema } } },
};

export const security: Record<string, string[]>[] = [{ bearer: [] }, { basic: [] }];

/** The extra replies of a route whose work runs in the worker pool (docs/architecture.md, Heavy work). */
export const heavyWorkResponses = {
  503: {
    description:
      'the analysis workers are saturated (busy) or the run passed its time limit (time_limit); nothing was stored, retry after Retry-After seconds',
    headers: { 'Retry-After': { schema: { type: 'integer' as const } } },
    content: { 'application/json': { schema: errorSchema } },
  },
};
