import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { InputError } from '../../../core/issues.ts';
import { progress } from '../../../core/surveys/branching.ts';
import { defaultLanguage, findQuestion, type Survey } from '../../../core/surveys/schema.ts';
import { languageChain } from '../../../core/surveys/text.ts';
import { splitAnswers } from '../answers.ts';
import { surveyError, surveyErrorCode } from '../errors.ts';
import type { Invitation } from '../invitation-rows.ts';
import { localizedSurvey } from '../render/localized.ts';
import { messagePage, questionPage, thankYouPage, unsubscribePage } from '../render/page.ts';
import { nextQuestion } from '../../../core/surveys/branching.ts';
import { jsonBody } from '../../../platform/http/body.ts';
import type { AppEnv } from '../../http-env.ts';
import { rateLimit } from '../../../platform/http/rate-limit.ts';
import { publicPageHeaders } from '../../../platform/http/page-headers.ts';

type C = Context<AppEnv>;

const PAGE_ERRORS: Record<string, [number, string, string]> = {
  invalid_token: [
    404,
    'Link not valid',
    'This survey link is not valid. Please use the link from your invitation.',
  ],
  wrong_workspace: [404, 'Link not valid', 'This survey link is not valid.'],
  token_expired: [410, 'Survey closed', 'This survey has closed. Thank you for your interest.'],
  not_found: [404, 'Survey not found', 'This survey is no longer available.'],
  closed: [409, 'Survey not available', 'This survey is not open for answers.'],
};

/** Survey pages answer with HTML pages for every refusal, since people, not programs, read them. */
async function page(c: C, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const code = surveyErrorCode(error);
    const known = code ? PAGE_ERRORS[code] : undefined;
    if (!known) throw error;
    const [status, title, message] = known;
    return c.html(messagePage('en', title, message), status as 404);
  }
}

async function open(c: C, expiry = true) {
  const { surveys, now } = c.get('services');
  const invitation = await surveys.invitations.fromToken(c.req.param('token')!, now(), { expiry });
  const survey = await surveys.invitations.surveyOf(invitation);
  return { invitation, survey, chain: languageChain(invitation.language, defaultLanguage(survey)) };
}

function requireOpen(invitation: Invitation) {
  if (invitation.status !== 'sent') throw surveyError('closed', `this invitation is ${invitation.status}`);
}

/** Shows the next question (or the thank-you page), with an error and the rejected value if any. */
async function showNext(c: C, invitation: Invitation, survey: Survey, chain: string[], error?: string) {
  const { surveys, now } = c.get('services');
  const { answered, skipped } = splitAnswers(await surveys.answers.stored(invitation));
  const question = nextQuestion(survey, answered, skipped);
  if (!question) {
    await surveys.invitations.mark(invitation, 'completed_at', now());
    return c.html(thankYouPage(survey, chain));
  }
  return c.html(
    questionPage({
      survey,
      question,
      chain,
      action: `/s/${c.req.param('token')}`,
      progress: progress(survey, answered, question),
      error,
    }),
    error ? 400 : 200,
  );
}

/** Submits one answer from a page or a one-click link; returns the message to show on bad input. */
async function submitOne(c: C, invitation: Invitation, survey: Survey, question: string, value: unknown) {
  const { surveys, now } = c.get('services');
  try {
    await surveys.answers.submit(invitation, survey, { answers: [{ question, value }] }, now());
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((i) => i.message).join('; ');
    // An answer already given stands; the respondent just goes on with the survey.
    if (surveyErrorCode(error) === 'already_answered') return undefined;
    throw error;
  }
}

/**
 * The hosted survey page (works without JavaScript: plain forms, post-redirect-get), one-click
 * answers from emails, unsubscribing, and the JSON endpoints the browser SDK uses. All public,
 * authorised by the signed token alone, and rate-limited per address.
 */
export function surveyPageRoutes(app: OpenAPIHono<AppEnv>, limiter: ReturnType<typeof rateLimit>) {
  app.use('/s/*', limiter);
  app.use('/u/*', limiter);
  app.use('/s/*', publicPageHeaders);
  app.use('/u/*', publicPageHeaders);
  // The SDK calls these from the shop's own pages, on another origin; the token is the credential.
  app.use(
    '/s/:token/*',
    cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'] }),
  );

  app.get('/s/:token', (c) =>
    page(c, async () => {
      const { invitation, survey, chain } = await open(c);
      requireOpen(invitation);
      await c.get('services').surveys.invitations.mark(invitation, 'opened_at', c.get('services').now());
      const q = c.req.query('q');
      const v = c.req.query('v');
      const error =
        q !== undefined && v !== undefined ? await submitOne(c, invitation, survey, q, v) : undefined;
      return showNext(c, invitation, survey, chain, error);
    }),
  );

  app.post('/s/:token', (c) =>
    page(c, async () => {
      const { invitation, survey, chain } = await open(c);
      requireOpen(invitation);
      const form = await c.req.parseBody({ all: true });
      const question = typeof form.question === 'string' ? form.question : '';
      const raw = form.value;
      const asked = findQuestion(survey, question);
      const value =
        form.skip !== undefined
          ? null
          : asked?.kind === 'multiple'
            ? [raw ?? []].flat()
            : Array.isArray(raw)
              ? raw[0]
              : raw;
      const error =
        value === undefined || (Array.isArray(value) && value.length === 0)
          ? 'Please choose or write an answer, or skip the question.'
          : await submitOne(c, invitation, survey, question, value);
      if (error) return showNext(c, invitation, survey, chain, error);
      return c.redirect(`/s/${c.req.param('token')}`, 303);
    }),
  );

  app.get('/u/:token', (c) =>
    page(c, async () => {
      await open(c, false);
      return c.html(unsubscribePage(`/u/${c.req.param('token')}`, false));
    }),
  );

  // Both the page's button and mail clients' RFC 8058 one-click POST land here.
  app.post('/u/:token', (c) =>
    page(c, async () => {
      const { invitation } = await open(c, false);
      const { surveys, now } = c.get('services');
      await surveys.policies.unsubscribe(invitation.workspaceId, invitation.customerId, 'email_link', now());
      return c.html(unsubscribePage(`/u/${c.req.param('token')}`, true));
    }),
  );

  app.get('/s/:token/survey', async (c) => {
    const { invitation, survey, chain } = await open(c);
    const { answered, skipped } = splitAnswers(await c.get('services').surveys.answers.stored(invitation));
    // Which questions are answered, never what was answered: the link may have been forwarded,
    // and a customer's answers are read through the API with a secret key only.
    return c.json({
      invitation: invitation.id,
      survey: localizedSurvey(survey, chain),
      answered: [...answered.keys()],
      next: nextQuestion(survey, answered, skipped)?.id ?? null,
    });
  });

  app.post('/s/:token/answers', async (c) => {
    const { invitation, survey } = await open(c);
    const { surveys, now } = c.get('services');
    return c.json(await surveys.answers.submit(invitation, survey, await jsonBody(c), now()));
  });

  for (const [action, column] of [
    ['shown', 'opened_at'],
    ['dismiss', 'dismissed_at'],
  ] as const) {
    app.post(`/s/:token/${action}`, async (c) => {
      const { invitation } = await open(c);
      await c.get('services').surveys.invitations.mark(invitation, column, c.get('services').now());
      return c.json({ ok: true });
    });
  }
}
