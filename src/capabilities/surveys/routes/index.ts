import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http-env.ts';
import { rateLimit } from '../../../platform/http/rate-limit.ts';
import { surveyDefinitionRoutes } from './definitions.ts';
import { surveyPageRoutes } from './pages.ts';
import { contactPolicyRoutes } from './policy.ts';
import { identitySecretRoutes, sdkRoutes } from './sdk.ts';

/** Everything surveys add to the app; the one line app.ts needs. */
export function surveyRoutes(
  app: OpenAPIHono<AppEnv>,
  options: { publicRequestsPerMinute: number; now: () => number },
) {
  surveyDefinitionRoutes(app);
  contactPolicyRoutes(app);
  surveyPageRoutes(app, rateLimit(options.publicRequestsPerMinute, options.now));
  sdkRoutes(app);
  identitySecretRoutes(app);
}
