import { z } from '@hono/zod-openapi';
import { surveySchema } from '../../core/surveys/schema.ts';
import { contactPolicySchema } from '../../core/surveys/policy.ts';
import { showIfSchema } from '../../core/surveys/questions.ts';
import { durationSchema } from '../../core/surveys/duration.ts';
import { languageTag } from '../../core/surveys/text.ts';

/**
 * Request and reply shapes of the survey API (definitions, invitations, answers, results, the
 * contact policy and the browser SDK's calls): the routes, the OpenAPI document and the dashboard's
 * types come from here. A survey and a contact policy are answered in the schema that validates them.
 * Schemas made in core are used as they are: zod gives a schema its `.openapi()` only when
 * @hono/zod-openapi was loaded before the schema was made, and core must not depend on that order.
 */

export const surveyDefinition = surveySchema;
export type SurveyDefinition = z.infer<typeof surveyDefinition>;
export const surveyList = z.object({ surveys: z.array(surveyDefinition) }).openapi('SurveyList');

/** POST /v1/surveys/{id}/invitations: invite one customer from another system. */
export const createInvitationInput = z.strictObject({
  customerId: z.string().min(1).max(200),
  /** link: the reply carries the URL and the caller delivers it; email/web go through the policy. */
  channel: z.enum(['link', 'email', 'web']).default('link'),
  delay: durationSchema.default(0),
  expiresAfter: durationSchema.default(14 * 86_400_000),
  language: languageTag.optional(),
  /** Repeat a request with the same key and get the same invitation back. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
/** Answers as the API takes them: `{"answers": [{"question": "score", "value": 9}]}`; null skips. */
export const answersInput = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        question: z.string().min(1).max(64),
        value: z.unknown().openapi({
          description: 'a number (scored), an option id, a list of option ids, a text, or null to skip',
        }),
      }),
    )
    .min(1)
    .max(30),
});

const iso = z.string().nullable().openapi({ description: 'ISO instant, null until it happens' });
export const invitationReply = z
  .object({
    id: z.string(),
    survey: z.string(),
    trigger: z.string(),
    customerId: z.string(),
    channel: z.enum(['email', 'web', 'link']),
    status: z.enum(['scheduled', 'claimed', 'sending', 'sent', 'skipped', 'expired', 'failed']),
    reason: z.string().nullable().openapi({ description: 'why it was delayed, skipped or failed' }),
    language: z.string().nullable(),
    dueAt: iso,
    expiresAt: iso,
    sentAt: iso,
    openedAt: iso,
    startedAt: iso,
    completedAt: iso,
    dismissedAt: iso,
  })
  .openapi('Invitation');
export type InvitationReply = z.infer<typeof invitationReply>;

export const issuedInvitationReply = invitationReply
  .extend({
    token: z.string().openapi({ description: 'the signed link token' }),
    url: z.string().openapi({ description: 'the hosted survey page' }),
  })
  .openapi('IssuedInvitation');

export const progressReply = z
  .object({
    saved: z.number().int().openapi({ description: 'answers stored by this call' }),
    duplicates: z.number().int().openapi({ description: 'answers that repeated a stored one' }),
    next: z.string().nullable().openapi({ description: 'the next question, or null when done' }),
    completed: z.boolean(),
  })
  .openapi('AnswerProgress');
export type ProgressReply = z.infer<typeof progressReply>;

export const surveyResultsReply = z
  .object({
    invitations: z.number().int(),
    scheduled: z.number().int(),
    sent: z.number().int(),
    opens: z.number().int(),
    starts: z.number().int(),
    completions: z.number().int(),
    skippedByPolicy: z.number().int(),
    failed: z.number().int(),
    expired: z.number().int(),
    responseRate: z
      .number()
      .nullable()
      .openapi({ description: 'responses (partial ones count) per invitation sent' }),
    completionRate: z.number().nullable(),
    skippedShare: z.number().nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        answered: z.number().int(),
        skipped: z.number().int(),
        droppedHere: z.number().int(),
        dropOffRate: z.number().nullable(),
        distribution: z
          .record(z.string(), z.number().int())
          .openapi({ description: 'count per score (scored questions) or per option id (choice questions)' }),
        mean: z.number().nullable().optional(),
      }),
    ),
  })
  .openapi('SurveyResults');
export type SurveyResultsReply = z.infer<typeof surveyResultsReply>;

export const contactPolicy = contactPolicySchema;

export const decisionsQuery = z.object({
  customerId: z.string().optional(),
  survey: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const decisionsReply = z
  .object({
    decisions: z.array(
      z.object({
        invitationId: z.string(),
        customerId: z.string(),
        surveyId: z.string(),
        at: z.string().openapi({ description: 'ISO instant' }),
        decision: z.enum(['sent', 'delayed', 'skipped']),
        reason: z.string(),
        until: z.string().nullable().openapi({ description: 'delayed: until when (ISO instant)' }),
      }),
    ),
  })
  .openapi('ContactDecisions');

export const okReply = z.object({ ok: z.literal(true) }).openapi('Ok');

/** A survey in one language, as the browser SDK renders it: texts resolved, branching kept. */
export const localizedSurveyReply = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    thankYou: z.string(),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['nps', 'csat', 'ces', 'rating', 'single', 'multiple', 'text']),
        text: z.string(),
        required: z.boolean(),
        showIf: showIfSchema.optional(),
        scale: z.object({ min: z.number(), max: z.number() }).optional(),
        ends: z.tuple([z.string(), z.string()]).nullable().optional(),
        options: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
        maxLength: z.number().int().optional(),
      }),
    ),
  })
  .openapi('LocalizedSurvey');
export type LocalizedSurvey = z.infer<typeof localizedSurveyReply>;

export const pendingInvitationsReply = z
  .object({
    invitations: z.array(
      z.object({
        token: z.string(),
        survey: localizedSurveyReply,
        next: z.string().openapi({ description: 'the question to ask first' }),
      }),
    ),
  })
  .openapi('PendingInvitations');

export const pendingInvitationsQuery = z.object({
  customerId: z.string().optional().openapi({
    description: 'a signed-in customer; needs `userHash`, or the answer is 401',
  }),
  userHash: z.string().optional().openapi({
    description:
      "hex HMAC-SHA-256 of `customerId` with the workspace's identity-verification secret, computed by the site's backend",
  }),
  anonymousId: z.string().optional().openapi({ description: "the browser's own anonymous id" }),
  language: z.string().optional(),
});

export const identitySecretReply = z
  .object({
    secret: z.string(),
    algorithm: z.literal('HMAC-SHA-256'),
    message: z.literal('customerId'),
    encoding: z.literal('hex'),
  })
  .openapi('IdentitySecret');
