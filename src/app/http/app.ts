import { OpenAPIHono } from '@hono/zod-openapi';
import { pino, type Logger } from 'pino';
import { InputError } from '../../core/issues.ts';
import { zodIssues } from '../../core/issues.ts';
import { LIMITS } from '../../core/ingest/limits.ts';
import type { Services } from '../../capabilities/graph.ts';
import type { AppEnv } from '../../capabilities/http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorReply, onError } from '../../platform/http/errors.ts';
import { createMetrics } from '../../platform/http/metrics.ts';
import { limitBody } from '../../platform/http/body-limit.ts';
import { analyticsRoutes } from '../../capabilities/measure/routes.ts';
import { ingestRoutes } from '../../capabilities/ingest/routes.ts';
import { readingRoutes } from '../../capabilities/journeys/routes.ts';
import { structuralRoutes } from '../../capabilities/understand/structural/routes.ts';
import { surveyRoutes } from '../../capabilities/surveys/routes/index.ts';
import { understandRoutes } from '../../capabilities/understand/routes.ts';
import { sessionRoutes } from '../../capabilities/workspaces/session-routes.ts';
import { dataLoadRoutes } from '../../capabilities/workspaces/data-load-routes.ts';
import { LOADING_HEADER } from '../../capabilities/workspaces/loading-header.ts';
import { keyRoutes } from '../../capabilities/workspaces/key-routes.ts';
import { touchpointRoutes } from '../../capabilities/measure/touchpoint-routes.ts';
import { customerSearchRoutes } from '../../capabilities/customers/routes.ts';
import { workshopRoutes } from '../../capabilities/workshops/routes.ts';
import { textRoutes } from '../../capabilities/text/routes.ts';
import { workflowRoutes } from '../../capabilities/workflows/routes.ts';
import { answersRoutes } from '../../capabilities/answers/routes.ts';
import { recommendationRoutes } from '../../capabilities/recommendations/routes.ts';
import { dashboardRoutes } from './dashboard.ts';
import { privacyRoutes } from '../../capabilities/privacy/routes.ts';
import { auditTrail } from '../../capabilities/privacy/audit-middleware.ts';
import { signInRoutes } from '../../capabilities/people/sign-in-routes.ts';
import { userRoutes } from '../../capabilities/people/user-routes.ts';

export interface AppOptions {
  logger?: Logger;
}

/**
 * The HTTP app over the services. Routes are added by route modules, each a function of the app;
 * the same app is served by `cxloop serve` and tested in-process with `app.request(...)`.
 */
export function createApp(services: Services, options: AppOptions = {}) {
  const logger = options.logger ?? pino({ level: 'silent' });
  const metrics = createMetrics();
  const app = new OpenAPIHono<AppEnv>({
    // Router-validated params and queries answer in the same shape as every other 400.
    defaultHook: (result) => {
      if (!result.success) throw new InputError(zodIssues(result.error));
    },
  });
  app.onError(onError(logger));
  app.notFound((c) => errorReply(c, new DomainError('not_found', `no route ${c.req.method} ${c.req.path}`)));
  app.use('*', metrics.middleware);
  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('metrics', metrics);
    await next();
    // A reply about a workspace that is still loading in the background says so: its numbers
    // count only what has been stored so far (the CLI reading through the server prints it).
    const workspaceId = c.get('workspaceId') as string | undefined;
    const load = workspaceId === undefined ? null : services.loads.get(workspaceId);
    if (load?.state === 'loading') {
      c.header(LOADING_HEADER, `${load.what} is loading: ${Math.floor(load.share * 100)}% done`);
    }
  });
  app.use(
    '/v1/*',
    limitBody(LIMITS.bodyBytes, (c) =>
      errorReply(
        c,
        new DomainError('too_large', `the body is larger than ${LIMITS.bodyBytes} bytes`, {
          code: 'body_too_large',
        }),
      ),
    ),
  );

  // Configuration changes, key changes and sign-ins go into the audit log (privacy/audited-routes.ts).
  app.use('/v1/*', auditTrail());

  // While the disk refuses writes the server still answers (reads work, writes get 503 with
  // Retry-After), so /healthz answers 200 and says 'degraded' with the reason (issue #13, finding 3).
  app.get('/healthz', async (c) => {
    await services.store.listWorkspaces();
    const health = services.store.health();
    if (health.status === 'ok') return c.json({ ok: true, status: 'ok', reopens: health.reopens });
    return c.json({
      ok: false,
      status: 'degraded',
      reason: health.reason,
      since: new Date(health.since).toISOString(),
      reopens: health.reopens,
    });
  });
  app.get('/metrics', async (c) =>
    c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );

  ingestRoutes(app);
  readingRoutes(app);
  analyticsRoutes(app);
  structuralRoutes(app);
  understandRoutes(app);
  sessionRoutes(app, { store: services.store, now: services.now });
  dataLoadRoutes(app);
  keyRoutes(app);
  signInRoutes(app, services.now);
  userRoutes(app);
  touchpointRoutes(app);
  customerSearchRoutes(app);
  textRoutes(app);
  privacyRoutes(app);
  recommendationRoutes(app);
  surveyRoutes(app, {
    publicRequestsPerMinute: services.surveys.config.publicRequestsPerMinute,
    now: services.now,
  });
  workshopRoutes(app, {
    publicRequestsPerMinute: services.surveys.config.publicRequestsPerMinute,
    now: services.now,
  });
  workflowRoutes(app);
  answersRoutes(app, {
    publicRequestsPerMinute: services.surveys.config.publicRequestsPerMinute,
    now: services.now,
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'basic', {
    type: 'http',
    scheme: 'basic',
    description: 'the key as user name, empty password (how Segment sources send their write key)',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'cxloop', version: '0.1.0', description: 'Customer-experience platform API' },
  });
  dashboardRoutes(app); // last: every path no route above claims is a dashboard page
  return app;
}
export type App = ReturnType<typeof createApp>;
