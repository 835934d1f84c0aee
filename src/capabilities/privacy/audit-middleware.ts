import type { MiddlewareHandler } from 'hono';
import { jsonDiff } from '../../core/privacy/json-diff.ts';
import { recordAudit } from '../../platform/auth/audit.ts';
import type { AppEnv } from '../http-env.ts';
import { requireKey } from '../workspaces/auth.ts';
import { AUDITED_ROUTES } from './audited-routes.ts';
import { requestActor } from './request-actor.ts';
import { auditSignIn, isSignIn } from './sign-in-audit.ts';

/** A JSON round trip, so a snapshot compares as the API shows it (dates, undefined fields). */
const plain = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/**
 * Records the routes of AUDITED_ROUTES in the audit log when they succeed, with who, from where,
 * and for configuration the leaves that changed: one middleware instead of an edit in every
 * route. The key is checked here first (the same check the route makes again) because the
 * "before" snapshot needs the workspace before the route runs. Sign-ins are recorded here too.
 *
 * The entry is written after the change commits, not in its transaction: a crash between the two
 * loses the entry (never the change). Erasures and exports are written in their own transaction.
 */
export function auditTrail(): MiddlewareHandler<AppEnv> {
  const secret = requireKey('secret');
  return async (c, next) => {
    const method = c.req.method;
    if (isSignIn(method, c.req.path)) {
      await next();
      await auditSignIn(c);
      return;
    }
    const route = AUDITED_ROUTES.find((r) => r.method === method && r.path.test(c.req.path));
    if (!route) return next();
    const captures = c.req.path.match(route.path)!.slice(1);
    await secret(c, async () => undefined);
    const services = c.get('services');
    const workspaceId = c.get('workspaceId');
    const before = route.snapshot ? plain(await route.snapshot(services, workspaceId, captures)) : undefined;
    await next();
    if (c.res.status >= 300) return;
    const after = route.snapshot ? plain(await route.snapshot(services, workspaceId, captures)) : undefined;
    const by = requestActor(c);
    await recordAudit(services.store, {
      workspaceId,
      ...by,
      operation: route.operation,
      target: await route.target(captures, () => c.res.clone().json(), services, workspaceId),
      diff: route.snapshot ? jsonDiff(before, after) : null,
      at: services.now(),
    });
  };
}
