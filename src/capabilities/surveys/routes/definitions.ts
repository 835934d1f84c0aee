import type { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  answersInput,
  createInvitationInput,
  invitationReply,
  issuedInvitationReply,
  progressReply,
  surveyDefinition,
  surveyList,
  surveyResultsReply,
} from '../contract.ts';
import { requireKey } from '../../workspaces/auth.ts';
import { bytesBody, jsonBody } from '../../../platform/http/body.ts';
import { DomainError } from '../../../platform/errors.ts';
import { readSurveyTask, SURVEY_YAML_MAX_BYTES } from '../tasks.ts';
import type { AppEnv } from '../../http-env.ts';
import { errorResponses, errorSchema, security } from '../../../platform/http/schemas.ts';
import { invitationView, linkUrl } from './views.ts';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

/** Survey definitions, invitations from other systems, answers by invitation id, and results (secret key). */
export function surveyDefinitionRoutes(app: OpenAPIHono<AppEnv>) {
  const secret = requireKey('secret');
  const doc = (
    method: 'get' | 'put' | 'post',
    path: string,
    summary: string,
    reply: { status?: 200 | 201; schema: z.ZodType; notFound?: string },
    body?: z.ZodType,
  ) =>
    app.openAPIRegistry.registerPath({
      method,
      path,
      summary,
      tags: ['surveys'],
      security,
      ...(body ? { request: { body: { ...json(body), required: true } } } : {}),
      responses: {
        [reply.status ?? 200]: { description: 'ok', ...json(reply.schema) },
        ...(reply.notFound ? { 404: { description: reply.notFound, ...json(errorSchema) } } : {}),
        ...errorResponses,
      },
    });

  doc('get', '/v1/surveys', 'List the workspace’s surveys', { schema: surveyList });
  app.get('/v1/surveys', secret, async (c) => {
    const surveys = await c.get('services').surveys.definitions.list(c.get('workspaceId'));
    return c.json({ surveys });
  });

  doc(
    'put',
    '/v1/surveys/{id}',
    'Create or replace a survey (JSON, or YAML with content-type application/yaml)',
    { schema: surveyDefinition },
    surveyDefinition,
  );
  app.put('/v1/surveys/:id', secret, async (c) => {
    const services = c.get('services');
    const workspaceId = c.get('workspaceId');
    const format = /yaml/i.test(c.req.header('content-type') ?? '') ? 'yaml' : 'json';
    const body =
      format === 'yaml'
        ? await bytesBody(c, SURVEY_YAML_MAX_BYTES, 'a YAML survey definition')
        : await bytesBody(c);
    // Parsed and validated in the worker pool: YAML costs seconds per megabyte.
    const touchpoints = [...(await services.journeys.get(workspaceId)).touchpoints.keys()];
    const parsed = await services.heavy.run(
      readSurveyTask,
      { body, format, id: c.req.param('id'), touchpoints },
      { transfer: [body.buffer], key: workspaceId },
    );
    const survey = await services.surveys.definitions.save(workspaceId, parsed, services.now());
    return c.json(survey);
  });

  doc('get', '/v1/surveys/{id}', 'One survey', { schema: surveyDefinition, notFound: 'no such survey' });
  app.get('/v1/surveys/:id', secret, async (c) => {
    const survey = await c.get('services').surveys.definitions.get(c.get('workspaceId'), c.req.param('id'));
    return survey ? c.json(survey) : c.json({ error: { code: 'not_found', message: 'no such survey' } }, 404);
  });

  doc(
    'get',
    '/v1/surveys/{id}/results',
    'Invitations, opens, starts, completions, response rate, drop-off per question, share skipped by the contact policy',
    { schema: surveyResultsReply, notFound: 'no such survey' },
  );
  app.get('/v1/surveys/:id/results', secret, async (c) =>
    c.json(await c.get('services').surveys.results(c.get('workspaceId'), c.req.param('id'))),
  );

  doc(
    'post',
    '/v1/surveys/{id}/invitations',
    'Invite one customer: returns the signed survey link',
    { status: 201, schema: issuedInvitationReply, notFound: 'no such survey' },
    createInvitationInput,
  );
  app.post('/v1/surveys/:id/invitations', secret, async (c) => {
    const services = c.get('services');
    const body = await jsonBody(c);
    // An erased customer is never contacted again (platform/privacy/suppression.ts).
    const customerId =
      typeof body === 'object' && body !== null ? (body as { customerId?: unknown }).customerId : null;
    if (
      typeof customerId === 'string' &&
      (await services.suppressions.isSuppressed(c.get('workspaceId'), { customerId }))
    )
      throw new DomainError(
        'conflict',
        'this customer was erased at their request and is not contacted again',
        {
          code: 'customer_erased',
          issues: [{ path: 'customerId', code: 'customer_erased', message: 'an erased customer' }],
        },
      );
    const issued = await services.surveys.invitations.create(
      c.get('workspaceId'),
      c.req.param('id'),
      body,
      services.now(),
    );
    if (issued.invitation.channel !== 'link') services.surveys.triggers.onScheduled(1);
    return c.json(
      { ...invitationView(issued.invitation), token: issued.token, url: linkUrl(c, issued.token) },
      201,
    );
  });

  doc('get', '/v1/invitations/{id}', 'One invitation and what became of it', {
    schema: invitationReply,
    notFound: 'no such invitation',
  });
  app.get('/v1/invitations/:id', secret, async (c) => {
    const invitation = await c
      .get('services')
      .surveys.invitations.require(c.get('workspaceId'), c.req.param('id'));
    return c.json(invitationView(invitation));
  });

  doc(
    'post',
    '/v1/invitations/{id}/answers',
    'Submit answers for an invitation from another system',
    { schema: progressReply, notFound: 'no such invitation' },
    answersInput,
  );
  app.post('/v1/invitations/:id/answers', secret, async (c) => {
    const { surveys, now } = c.get('services');
    const invitation = await surveys.invitations.require(c.get('workspaceId'), c.req.param('id'));
    const survey = await surveys.invitations.surveyOf(invitation);
    return c.json(await surveys.answers.submit(invitation, survey, await jsonBody(c), now()));
  });
}
