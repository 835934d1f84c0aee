import type { OpenAPIHono } from '@hono/zod-openapi';
import { ingestReply, type IngestReplyBody } from '../../ingest/contract.ts';
import {
  identitySecretReply,
  pendingInvitationsQuery,
  pendingInvitationsReply,
  type LocalizedSurvey,
} from '../contract.ts';
import { DomainError } from '../../../platform/errors.ts';
import { cors } from 'hono/cors';
import { InputError } from '../../../core/issues.ts';
import { defaultLanguage } from '../../../core/surveys/schema.ts';
import { languageChain } from '../../../core/surveys/text.ts';
import { splitAnswers } from '../answers.ts';
import { nextQuestion } from '../../../core/surveys/branching.ts';
import { localizedSurvey } from '../render/localized.ts';
import { sdkBundle } from '../sdk-bundle.ts';
import { requireKey } from '../../workspaces/auth.ts';
import { jsonBody } from '../../../platform/http/body.ts';
import type { AppEnv } from '../../http-env.ts';
import { errorResponses, security } from '../../../platform/http/schemas.ts';

/**
 * What the browser SDK talks to: the script itself, and event, identify and pending-survey calls
 * with the write-only ingest key, open to any origin (the SDK runs on the customer's own site).
 * Anyone can read that key from the page, so it alone never hands out an invitation (whose link
 * answers in the customer's name): a customer's invitations need the customer's user hash, which
 * only the site's backend can compute; an anonymous visitor's need its random anonymous id, which
 * only that browser holds.
 */
export function sdkRoutes(app: OpenAPIHono<AppEnv>) {
  app.get('/sdk.js', async (c) => {
    const { code, etag } = await sdkBundle();
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(code, 200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      etag,
    });
  });

  app.use(
    '/v1/sdk/*',
    cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['authorization', 'content-type'] }),
  );
  const ingestKey = requireKey('ingest', 'secret');

  for (const [path, kind] of [
    ['/v1/sdk/events', 'events'],
    ['/v1/sdk/identify', 'identifies'],
  ] as const) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path,
      summary: `Browser SDK: ${kind === 'events' ? 'track an event' : 'identify the visitor'} (CORS, ingest key)`,
      tags: ['sdk'],
      security,
      responses: {
        200: { description: 'stored after commit', content: { 'application/json': { schema: ingestReply } } },
        ...errorResponses,
      },
    });
    app.post(path, ingestKey, async (c) => {
      const services = c.get('services');
      const stored = await services.ingest.own(c.get('workspaceId'), kind, await jsonBody(c), services.now());
      const body: IngestReplyBody = { ok: true, ...stored };
      return c.json(body);
    });
  }

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/sdk/invitations',
    summary: 'Browser SDK: in-page surveys waiting for this visitor (CORS, ingest key)',
    tags: ['sdk'],
    security,
    request: { query: pendingInvitationsQuery },
    responses: {
      200: {
        description: 'pending in-page surveys with their links',
        content: { 'application/json': { schema: pendingInvitationsReply } },
      },
      ...errorResponses,
    },
  });
  app.get('/v1/sdk/invitations', ingestKey, async (c) => {
    const ids = [c.req.query('customerId'), c.req.query('anonymousId')].filter(
      (id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 200,
    );
    if (ids.length === 0)
      throw new InputError([
        { path: 'anonymousId', code: 'invalid_value', message: 'give customerId or anonymousId' },
      ]);
    const { surveys, now } = c.get('services');
    const customerId = c.req.query('customerId');
    if (
      customerId &&
      !(await surveys.tokens.verifyUserHash(c.get('workspaceId'), customerId, c.req.query('userHash'), now()))
    )
      throw new DomainError(
        'unauthorized',
        "customerId needs userHash: the hex HMAC-SHA-256 of the customer id with the workspace's identity-verification secret (GET /v1/identity-verification), computed by the site's backend",
        {
          code: 'identity_not_verified',
          issues: [
            {
              path: 'userHash',
              code: 'identity_not_verified',
              message: 'missing or not the hash of customerId',
            },
          ],
        },
      );
    const pending = await surveys.invitations.pendingInPage(c.get('workspaceId'), ids, now());
    const invitations: { token: string; survey: LocalizedSurvey; next: string }[] = [];
    for (const invitation of pending) {
      const survey = await surveys.definitions.get(invitation.workspaceId, invitation.surveyId);
      if (!survey) continue;
      const { answered, skipped } = splitAnswers(await surveys.answers.stored(invitation));
      const next = nextQuestion(survey, answered, skipped);
      if (!next) continue;
      const chain = languageChain(invitation.language ?? c.req.query('language'), defaultLanguage(survey));
      invitations.push({
        token: await surveys.invitations.link(invitation, now()),
        survey: localizedSurvey(survey, chain),
        next: next.id,
      });
    }
    return c.json({ invitations });
  });
}

/** The identity-verification secret, for the site's backend only (secret key). */
export function identitySecretRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/identity-verification',
    summary:
      "The secret a site's backend signs customer ids with (userHash) so the in-page widget may show their surveys",
    tags: ['surveys'],
    security,
    responses: {
      200: { description: 'the secret', content: { 'application/json': { schema: identitySecretReply } } },
      ...errorResponses,
    },
  });
  app.get('/v1/identity-verification', requireKey('secret'), async (c) => {
    const { surveys, now } = c.get('services');
    return c.json({
      secret: await surveys.tokens.identitySecret(c.get('workspaceId'), now()),
      algorithm: 'HMAC-SHA-256' as const,
      message: 'customerId' as const,
      encoding: 'hex' as const,
    });
  });
}
