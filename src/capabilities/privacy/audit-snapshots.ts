import { createHash } from 'node:crypto';
import type { Services } from '../graph.ts';

/**
 * The "before" and "after" states of configuration whose stored shape is not what an auditor
 * reads, for the diffs of audited-routes.ts. Keyed by id rather than listed, so that adding one
 * article or consent shows as that one addition, not as every later item shifting by one index.
 */

/** A text's digest, so a knowledge-base diff says which article's body changed without copying it. */
const digest = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

export async function knowledgeBaseSnapshot(services: Services, workspaceId: string) {
  const { articles, settings } = await services.answers.kb.load(workspaceId);
  return {
    settings,
    articles: Object.fromEntries(
      articles.map((a) => [
        `${a.id}/${a.language}`,
        {
          title: a.title,
          touchpoint: a.touchpoint ?? null,
          stage: a.stage ?? null,
          tags: a.tags,
          public: a.public,
          markdown: digest(a.markdown),
        },
      ]),
    ),
  };
}

/** A customer's consent by channel and purpose; never their id (the entry's target names them by hash). */
export async function consentSnapshot(services: Services, workspaceId: string, customerId: string) {
  const consents = await services.workflows.consents.of(workspaceId, customerId);
  return Object.fromEntries(
    consents.map((r) => [`${r.channel}/${r.purpose}`, { granted: r.granted, source: r.source }]),
  );
}

export async function themeSnapshot(services: Services, workspaceId: string, id: string) {
  return (await services.text.themes(workspaceId)).find((t) => t.id === id) ?? null;
}

/** A member's role in the workspace (null when they are not, or no longer, a member). */
export async function membershipSnapshot(services: Services, workspaceId: string, userId: string) {
  return { role: await services.people.users.roleIn(workspaceId, userId) };
}
