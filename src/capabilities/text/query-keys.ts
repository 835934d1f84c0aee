import type { MiddlewareHandler } from 'hono';
import type { z } from '@hono/zod-openapi';
import { InputError } from '../../core/issues.ts';

/**
 * Refuses query parameters a route does not know, each named at its own path: a misspelt filter
 * (`sentimnet=negative`) silently ignored would return every comment as if it had been applied.
 */
export function knownQuery(schema: z.ZodObject): MiddlewareHandler {
  const known = new Set(Object.keys(schema.shape));
  return async (c, next) => {
    const unknown = Object.keys(c.req.queries()).filter((k) => !known.has(k));
    if (unknown.length)
      throw new InputError(
        unknown.map((k) => ({
          path: k,
          code: 'unknown_parameter',
          message: `"${k}" is not a parameter of this route (known: ${[...known].join(', ')})`,
        })),
      );
    await next();
  };
}
