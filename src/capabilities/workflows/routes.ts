import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import { InputError, zodIssues } from '../../core/issues.ts';
import { asDomainError } from '../../platform/errors.ts';
import { bytesBody, jsonBody } from '../../platform/http/body.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import type { AppEnv } from '../http-env.ts';
import { requireKey } from '../workspaces/auth.ts';
import {
  consentInput,
  consentReply,
  dryRunInput,
  dryRunReply,
  logReply,
  resultsReply,
  runsReply,
  validationReply,
  workflowDefinition,
  workflowList,
} from './contract.ts';
import { parseWorkflowText } from './definitions.ts';
import type { RunRow } from './runs.ts';
import { unsubscribePage } from './unsubscribe-page.ts';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
/** YAML definitions are small; parsing is bounded by the size (YAML costs seconds per megabyte). */
const WORKFLOW_MAX_BYTES = 256 * 1024;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const runView = (r: RunRow) => ({
  id: r.id,
  workflow: r.workflow_id,
  customerId: r.customer_id,
  triggerEventId: r.trigger_event_id,
  event: (r.context ?? {}) as Record<string, unknown>,
  holdout: r.holdout,
  status: r.status as z.infer<typeof runsReply>['runs'][number]['status'],
  step: r.step_id,
  awaiting: r.awaiting,
  wakeAt: iso(r.wake_at),
  enteredAt: new Date(r.entered_at).toISOString(),
  endedAt: iso(r.ended_at),
  convertedAt: iso(r.converted_at),
});

function limitOf(value: string | undefined): number {
  const limit = Number(value ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new InputError([{ path: 'limit', code: 'invalid_value', message: 'limit is 1-1000' }]);
  return limit;
}

/** Workflows (secret key), the decision log, consent, and the public one-click unsubscribe. */
export function workflowRoutes(app: OpenAPIHono<AppEnv>) {
  const secret = requireKey('secret');
  const doc = (
    method: 'get' | 'put' | 'post',
    path: string,
    summary: string,
    reply: z.ZodType,
    extra: { body?: z.ZodType; notFound?: boolean } = {},
  ) =>
    app.openAPIRegistry.registerPath({
      method,
      path,
      summary,
      tags: ['workflows'],
      security,
      ...(extra.body ? { request: { body: { ...json(extra.body), required: true } } } : {}),
      responses: {
        200: { description: 'ok', ...json(reply) },
        ...(extra.notFound ? { 404: { description: 'no such workflow', ...json(errorSchema) } } : {}),
        ...errorResponses,
      },
    });

  const body = async (c: Context) => {
    const yaml = /yaml/i.test(c.req.header('content-type') ?? '');
    if (!yaml) return jsonBody(c);
    const bytes = await bytesBody(c, WORKFLOW_MAX_BYTES, 'a YAML workflow definition');
    return parseWorkflowText(new TextDecoder().decode(bytes), 'yaml');
  };

  doc('get', '/v1/workflows', 'List the workspace’s workflows', workflowList);
  app.get('/v1/workflows', secret, async (c) =>
    c.json({ workflows: await c.get('services').workflows.definitions.list(c.get('workspaceId')) }),
  );

  doc(
    'post',
    '/v1/workflows/validate',
    'Check a definition without saving it: every fault with its path',
    validationReply,
    {
      body: workflowDefinition,
    },
  );
  app.post('/v1/workflows/validate', secret, async (c) => {
    try {
      await c.get('services').workflows.definitions.check(c.get('workspaceId'), await body(c));
      return c.json({ ok: true, issues: [] });
    } catch (error) {
      const known = asDomainError(error);
      if (known?.kind !== 'invalid') throw error;
      return c.json({
        ok: false,
        issues: (known.issues ?? []).map(({ path, code, message }) => ({ path, code, message })),
      });
    }
  });

  doc(
    'get',
    '/v1/workflows/log',
    'The decision log: each step a run passed, what came of it and why',
    logReply,
  );
  app.get('/v1/workflows/log', secret, async (c) => {
    const entries = await c.get('services').workflows.log(c.get('workspaceId'), {
      workflowId: c.req.query('workflow'),
      customerId: c.req.query('customerId'),
      limit: limitOf(c.req.query('limit')),
    });
    return c.json({
      entries: entries.map((e) => ({
        run: e.run_id,
        workflow: e.workflow_id,
        customerId: e.customer_id,
        visit: e.visit,
        step: e.step_id,
        outcome: e.outcome,
        detail: e.detail,
        purpose: e.purpose,
        at: new Date(e.at).toISOString(),
      })),
    });
  });

  doc(
    'put',
    '/v1/workflows/{id}',
    'Create or replace a workflow (JSON, or YAML with content-type application/yaml)',
    workflowDefinition,
    {
      body: workflowDefinition,
    },
  );
  app.put('/v1/workflows/:id', secret, async (c) => {
    const services = c.get('services');
    const input = await body(c);
    const id = c.req.param('id');
    if (input && typeof input === 'object' && !Array.isArray(input) && 'id' in input && input.id !== id)
      throw new InputError([
        { path: 'id', code: 'mismatch', message: `the body's id is not "${id}", the id in the path` },
      ]);
    const doc = input && typeof input === 'object' && !Array.isArray(input) ? { ...input, id } : input;
    return c.json(await services.workflows.definitions.save(c.get('workspaceId'), doc, services.now()));
  });

  doc('get', '/v1/workflows/{id}', 'One workflow', workflowDefinition, { notFound: true });
  app.get('/v1/workflows/:id', secret, async (c) =>
    c.json(await c.get('services').workflows.require(c.get('workspaceId'), c.req.param('id'))),
  );

  doc(
    'get',
    '/v1/workflows/{id}/results',
    'Entered, waiting, sent, failed, suppressed, exited by goal; goal conversion and feedback against the holdout',
    resultsReply,
    { notFound: true },
  );
  app.get('/v1/workflows/:id/results', secret, async (c) => {
    const r = await c.get('services').workflows.results(c.get('workspaceId'), c.req.param('id'));
    return c.json({
      ...r,
      population: { ...r.population, from: iso(r.population.from), to: iso(r.population.to) },
    });
  });

  doc(
    'post',
    '/v1/workflows/{id}/dry-run',
    'What the workflow would do for one customer now, and why (nothing is sent)',
    dryRunReply,
    {
      body: dryRunInput,
      notFound: true,
    },
  );
  app.post('/v1/workflows/:id/dry-run', secret, async (c) => {
    const parsed = dryRunInput.safeParse(await jsonBody(c));
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    return c.json(
      await c
        .get('services')
        .workflows.dryRun(c.get('workspaceId'), c.req.param('id'), parsed.data.customerId),
    );
  });

  doc(
    'get',
    '/v1/workflows/{id}/runs',
    'Runs of a workflow, newest first (filter by customerId)',
    runsReply,
    { notFound: true },
  );
  app.get('/v1/workflows/:id/runs', secret, async (c) => {
    const services = c.get('services');
    const workflow = await services.workflows.require(c.get('workspaceId'), c.req.param('id'));
    const runs = await services.workflows.runs(c.get('workspaceId'), {
      workflowId: workflow.id,
      customerId: c.req.query('customerId'),
      limit: limitOf(c.req.query('limit')),
    });
    return c.json({ runs: runs.map(runView) });
  });

  doc('get', '/v1/customers/{id}/consent', "A customer's consent per channel and purpose", consentReply);
  app.get('/v1/customers/:id/consent', secret, async (c) => {
    const consents = await c.get('services').workflows.consents.of(c.get('workspaceId'), c.req.param('id'));
    return c.json({ consents: consents.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) });
  });

  doc('put', '/v1/customers/{id}/consent', 'Record consent for a channel and purpose', consentReply, {
    body: consentInput,
  });
  app.put('/v1/customers/:id/consent', secret, async (c) => {
    const services = c.get('services');
    const parsed = consentInput.safeParse(await jsonBody(c));
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    await services.workflows.consents.set(
      c.get('workspaceId'),
      c.req.param('id'),
      { ...parsed.data, source: 'api' },
      services.now(),
    );
    const consents = await services.workflows.consents.of(c.get('workspaceId'), c.req.param('id'));
    return c.json({ consents: consents.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) });
  });

  // The link in List-Unsubscribe: a person who opens it sees a page with one button; a mail
  // client's one-click (RFC 8058) POSTs `List-Unsubscribe=One-Click` to the same address.
  app.get('/unsubscribe/:token', (c) => c.html(unsubscribePage(c.req.param('token'), 'ask')));
  app.post('/unsubscribe/:token', async (c) => {
    await c.get('services').workflows.consents.unsubscribe(c.req.param('token'), c.get('services').now());
    return c.html(unsubscribePage(c.req.param('token'), 'done'));
  });
}
