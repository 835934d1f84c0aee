import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics for one app; a registry per app so tests can build many apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cxloop_' });
  const requests = new Counter({
    name: 'cxloop_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'cxloop_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const items = new Counter({
    name: 'cxloop_ingested_items_total',
    help: 'Ingested items by outcome (stored, duplicate, or rejected by a Segment-compatible call)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'cxloop_ingest_rejected_messages_total',
    help: 'Messages the Segment-compatible calls refused (kept in the rejects log), by the code of their first problem',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const middleware: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    await next();
    const route = routeLabel(c);
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    duration.observe({ route }, (performance.now() - start) / 1000);
  };
  return { registry, middleware, items, rejected };
}
export type Metrics = ReturnType<typeof createMetrics>;

/**
 * The route pattern a request matched, written as in /openapi.json (`/v1/customers/{id}/timeline`).
 * A label is a time series in Prometheus, so it must never be the raw path (one series per customer
 * id) nor the same `/*` for everything. Hono lists the matched routes in registration order, the
 * app's middleware (method ALL) among them; the first handler is the route that answered, or would
 * have had a middleware (the key check, the body limit) not refused first. The dashboard's
 * catch-all is registered last, so it only counts when nothing else matched.
 */
export function routeLabel(c: Context): string {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path !== '*' && r.path !== '/*');
  if (route) return route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
  return c.res.status === 404 ? '(unmatched)' : '(dashboard)';
}
