import { wilsonInterval } from '../metrics/proportion.ts';
import { normalize, STOP_WORDS } from './text.ts';

/** 72 hours: a customer who contacts a person within this after self-service was not helped by it. */
export const DEFLECTION_WINDOW_MS = 72 * 3_600_000;

export interface Share {
  n: number;
  successes: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

/** A proportion with its Wilson 95 % interval (null parts when n = 0). */
export function share(successes: number, n: number): Share {
  const interval = wilsonInterval(successes, n);
  return {
    n,
    successes,
    rate: n === 0 ? null : successes / n,
    low: interval?.[0] ?? null,
    high: interval?.[1] ?? null,
  };
}

export interface ConversationStart {
  customerId: string | null;
  startedAt: number;
}

/**
 * Deflection: of the identified customers' conversations started in the period, the share after
 * which that customer contacted no person (a ticket, a hand-off) within 72 hours. Conversations
 * younger than 72 hours cannot be judged yet and anonymous ones cannot be followed: both are
 * counted apart, never as resolved.
 */
export function deflection(
  conversations: readonly ConversationStart[],
  contacts: ReadonlyMap<string, readonly number[]>,
  now: number,
) {
  let pending = 0;
  let anonymous = 0;
  let n = 0;
  let resolved = 0;
  for (const c of conversations) {
    if (c.customerId === null) {
      anonymous++;
      continue;
    }
    const end = c.startedAt + DEFLECTION_WINDOW_MS;
    if (end > now) {
      pending++;
      continue;
    }
    n++;
    const times = contacts.get(c.customerId) ?? [];
    if (!times.some((t) => t >= c.startedAt && t <= end)) resolved++;
  }
  return { rate: share(resolved, n), pending, anonymous };
}

/** The key terms of a question: its words, folded, without stop words and very short words. */
export function keyTerms(question: string): string[] {
  return [
    ...new Set(
      normalize(question)
        .split(' ')
        .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
    ),
  ];
}

/**
 * Unanswered questions grouped by their most shared key term, greedily: the term most questions
 * share forms a group, its questions leave the pool, and so on. Crude next to topic models, but it
 * names each group by a word the customers used, which says what article to write next.
 */
export function groupUnanswered(questions: readonly string[], maxGroups = 10, examples = 3) {
  let pool = questions.map((q) => ({ q, terms: keyTerms(q) }));
  const groups: { term: string; questions: number; examples: string[] }[] = [];
  while (pool.length > 0 && groups.length < maxGroups) {
    const counts = new Map<string, number>();
    for (const { terms } of pool) for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (!best) {
      groups.push({
        term: '(no key term)',
        questions: pool.length,
        examples: pool.slice(0, examples).map((p) => p.q),
      });
      break;
    }
    const members = pool.filter((p) => p.terms.includes(best[0]));
    groups.push({
      term: best[0],
      questions: members.length,
      examples: members.slice(0, examples).map((p) => p.q),
    });
    pool = pool.filter((p) => !p.terms.includes(best[0]));
  }
  return groups;
}
