import { z } from '@hono/zod-openapi';
import { cibReply, dematelReply, micmacReply } from '../understand/structural/contract.ts';

/**
 * Request and reply shapes of the workshop routes: the facilitator's (/v1/workshops, secret key)
 * and the participants' (/v1/workshop-join/{token}, /v1/participant with the participant's own key).
 * The routes, the OpenAPI document and the dashboard's types come from here.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, - and _');
const interval = z.tuple([z.number(), z.number()]);
/** A participant's own secret, made by their browser (or script): 32+ base64url characters. */
const participantKey = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, '32 to 128 base64url characters');

export const createWorkshopRequest = z
  .strictObject({
    id: id.optional().openapi({ description: 'default: made from the name' }),
    name: z.string().trim().min(1).max(200),
    touchpoints: z
      .array(z.string().min(1).max(64))
      .min(2)
      .max(40)
      .optional()
      .openapi({ description: 'the touchpoints judged; default every touchpoint of the journey map' }),
    seats: z.int().min(1).max(50).default(5).openapi({ description: 'how many participants can join' }),
    coverage: z
      .int()
      .min(1)
      .max(10)
      .default(2)
      .openapi({ description: 'k: how many participants judge each pair (at most seats)' }),
    from: z.string().max(40).optional().openapi({
      description: 'start of the customers’ data the judgements are compared with; default a year before to',
    }),
    to: z.string().max(40).optional().openapi({ description: 'end of that period; default now' }),
  })
  .openapi('CreateWorkshop');
export type CreateWorkshopRequest = z.input<typeof createWorkshopRequest>;

const touchpointRef = z.object({
  id: z.string(),
  name: z.string(),
  stage: z.string(),
  stageIndex: z.number().int(),
});

export const workshopView = z
  .object({
    id: z.string(),
    name: z.string(),
    touchpoints: z.array(touchpointRef),
    seats: z.number().int(),
    coverage: z.number().int(),
    pairs: z
      .number()
      .int()
      .openapi({ description: 'ordered pairs of touchpoints, each judged by `coverage` people' }),
    window: z.object({ from: z.string(), to: z.string() }),
    createdAt: z.string(),
  })
  .openapi('Workshop');
export type WorkshopView = z.infer<typeof workshopView>;

export const createWorkshopReply = z
  .object({
    workshop: workshopView,
    joinToken: z.string().openapi({ description: 'shown once: only its hash is stored' }),
    joinPath: z.string().openapi({ description: 'the participants’ page, relative to the server' }),
  })
  .openapi('CreatedWorkshop');

export const workshopList = z.object({ workshops: z.array(workshopView) }).openapi('WorkshopList');

export const workshopStatus = z
  .object({
    workshop: workshopView,
    participants: z.array(
      z.object({
        seat: z.number().int(),
        name: z.string(),
        joinedAt: z.string(),
        items: z.number().int().openapi({ description: 'touchpoint judgements plus assigned pairs' }),
        answered: z.number().int().openapi({ description: 'of them answered ("don’t know" included)' }),
        finished: z.boolean(),
      }),
    ),
    seatsLeft: z.number().int(),
    cells: z.object({
      pairs: z.number().int(),
      covered: z
        .number()
        .int()
        .openapi({ description: 'pairs with at least `coverage` judgements (not counting "don’t know")' }),
      judged: z.number().int().openapi({ description: 'pairs with at least one judgement' }),
    }),
  })
  .openapi('WorkshopStatus');
export type WorkshopStatus = z.infer<typeof workshopStatus>;

export const joinInfo = z
  .object({ workshop: z.object({ id: z.string(), name: z.string() }), seatsLeft: z.number().int() })
  .openapi('WorkshopJoinInfo');

export const joinRequest = z
  .strictObject({ name: z.string().trim().min(1).max(80), key: participantKey })
  .openapi('JoinWorkshop');
export const joinReply = z
  .object({
    seat: z.number().int(),
    name: z.string(),
    workshop: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('JoinedWorkshop');

const scale = z.object({ min: z.number().int(), max: z.number().int(), labels: z.array(z.string()) });
const value = z.number().int().nullable().openapi({ description: 'null: "don’t know"' });

export const participantView = z
  .object({
    workshop: z.object({ id: z.string(), name: z.string() }),
    participant: z.object({ seat: z.number().int(), name: z.string() }),
    scales: z.object({ effort: scale, importance: scale, influence: scale }),
    touchpoints: z.array(touchpointRef.extend({ effort: value.optional(), importance: value.optional() })),
    pairs: z.array(z.object({ from: z.string(), to: z.string(), value: value.optional() })).openapi({
      description: 'this participant’s pairs, nearest stages first; value absent until answered',
    }),
    progress: z.object({ items: z.number().int(), answered: z.number().int(), left: z.number().int() }),
  })
  .openapi('WorkshopParticipantView');
export type ParticipantView = z.infer<typeof participantView>;

export const judgementInput = z.strictObject({
  kind: z.enum(['effort', 'importance', 'influence']),
  from: z
    .string()
    .min(1)
    .max(64)
    .openapi({ description: 'the touchpoint (effort, importance) or the influencing one' }),
  to: z.string().min(1).max(64).optional().openapi({ description: 'influence: the influenced touchpoint' }),
  value,
});
export const judgementsRequest = z
  .strictObject({ judgements: z.array(judgementInput).min(1).max(2000) })
  .openapi('WorkshopJudgements');
export type JudgementsRequest = z.input<typeof judgementsRequest>;
export const judgementsReply = z
  .object({
    stored: z.number().int(),
    progress: z.object({ items: z.number().int(), answered: z.number().int(), left: z.number().int() }),
  })
  .openapi('WorkshopJudgementsStored');

export const actionRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    owner: z.string().trim().max(120).default(''),
    touchpoints: z.array(z.string().min(1).max(64)).max(40).default([]),
  })
  .openapi('WorkshopActionInput');
export const actionView = z
  .object({
    id: z.string(),
    title: z.string(),
    owner: z.string(),
    touchpoints: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('WorkshopAction');

const cell = z
  .object({
    n: z.number().int().openapi({ description: 'judgements (not counting "don’t know")' }),
    unknown: z.number().int(),
    median: z.number().nullable(),
    iqr: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    disagreement: z.boolean(),
  })
  .openapi('WorkshopCell');
const alpha = z.object({
  alpha: z.number().nullable(),
  metric: z.enum(['nominal', 'ordinal', 'interval']),
  units: z.number().int(),
  values: z.number().int(),
});
const rank = z.object({
  rho: z.number().nullable(),
  ci95: interval.nullable(),
  n: z.number().int(),
  method: z.string(),
});
const proportion = z.object({
  n: z.number().int(),
  share: z.number().nullable(),
  ci95: interval.nullable(),
});
const analysisOrReason = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.object({ error: z.string() })]);
const quadrant = z.enum(['influential', 'relay', 'dependent', 'autonomous']);

export const workshopReport = z
  .object({
    workshop: workshopView,
    participants: z.number().int(),
    definitions: z.object({
      disagreement: z.string(),
      agreement: z.string(),
      beliefs: z.string(),
      measured: z.string(),
      effort: z.string(),
    }),
    touchpoints: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        effort: cell,
        importance: cell,
        measured: z.object({
          highEffort: proportion.openapi({
            description:
              'CES answers at the touchpoint in the window that say high effort (the one definition in core/experience)',
          }),
          repeatContacts: proportion.openapi({
            description:
              'customers with a ticket there (events with a ticketId) who opened another there within 7 days',
          }),
          resolutionHours: z.object({ n: z.number().int(), median: z.number().nullable() }).openapi({
            description:
              'tickets (events with a ticketId) there: median hours from the first to the last event',
          }),
        }),
      }),
    ),
    pairs: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        judged: cell,
        measured: z.object({
          status: z.enum(['ok', 'insufficient', 'not-measured']),
          n: z.number().int(),
          riskDifference: z.number().nullable(),
          ci95: interval.nullable(),
          simultaneous: interval.nullable(),
          reason: z.string().optional(),
        }),
        flag: z.enum(['believed-not-supported', 'strong-not-believed']).nullable(),
        why: z.string().nullable(),
      }),
    ),
    agreement: z.object({
      statistic: z.string(),
      influence: alpha,
      effort: alpha,
      importance: alpha,
      participants: z.array(
        z.object({
          participant: z.string(),
          judgements: z.number().int(),
          alphaWithout: z.number().nullable(),
          withOthers: rank,
        }),
      ),
    }),
    beliefs: z.object({ rank, level: z.number().nullable(), rule: z.string() }),
    judgedMatrix: z.object({
      variables: z.array(z.string()),
      matrix: z.array(z.array(z.number())),
      unjudged: z.array(z.object({ from: z.string(), to: z.string() })),
    }),
    measuredMatrix: z.object({
      variables: z.array(z.string()),
      matrix: z.array(z.array(z.number())),
      rule: z.string(),
      customers: z.number().int(),
    }),
    analyses: z.object({
      judged: z.object({
        micmac: analysisOrReason(micmacReply),
        dematel: analysisOrReason(dematelReply),
        cib: analysisOrReason(cibReply),
      }),
      measured: z.object({ micmac: analysisOrReason(micmacReply) }),
      quadrants: z.array(
        z.object({
          touchpoint: z.string(),
          judged: quadrant.nullable(),
          measured: quadrant.nullable(),
          changed: z.boolean(),
        }),
      ),
    }),
    actions: z.array(actionView),
  })
  .openapi('WorkshopReport');
export type WorkshopReport = z.infer<typeof workshopReport>;
