import { isGoodAnswer } from '../../core/experience/answers.ts';
import { deflection, DEFLECTION_WINDOW_MS, groupUnanswered, share } from '../../core/answers/report.ts';
import { InputError } from '../../core/issues.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, json, nullable, num, row, text } from '../../platform/store/rows.ts';
import type { AnswersReport } from './contract.ts';
import { ANSWER_EVENTS, CES_SOURCE, CONTACT_EVENTS, SELF_SERVICE_TOUCHPOINT } from './vocabulary.ts';

const DAY = 86_400_000;
const eventRow = row({ name: text, customer_id: nullable(text), ts: epochMs, properties: nullable(json) });
const contactRow = row({ customer_id: text, ts: epochMs });
const cesRow = row({ score: num, scale_min: num, scale_max: num });

const props = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function day(value: string | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (!Number.isFinite(t))
    throw new InputError([{ path: field, code: 'invalid_date', message: 'a date, YYYY-MM-DD' }]);
  return t;
}

/**
 * The self-service report for a period: deflection, answer success by intent and by article,
 * unanswered questions grouped by key term, and the CES after self-service. Every part names its
 * population; rates carry n and a Wilson 95 % interval.
 */
export async function answersReport(
  store: Store,
  workspaceId: string,
  query: { from?: string; to?: string },
  now: number,
): Promise<AnswersReport> {
  const today = Math.floor(now / DAY) * DAY;
  const to = day(query.to, today + DAY, 'to');
  const from = day(query.from, today - 29 * DAY, 'from');
  if (from >= to)
    throw new InputError([{ path: 'from', code: 'invalid_period', message: 'from must be before to' }]);
  const rows = await store.readRows(
    eventRow,
    `SELECT name, customer_id, ts, properties FROM events
     WHERE workspace_id = $1 AND name IN ($2, $3, $4) AND ts >= $5 AND ts < $6`,
    [
      workspaceId,
      ANSWER_EVENTS.asked,
      ANSWER_EVENTS.answered,
      ANSWER_EVENTS.voted,
      new Date(from),
      new Date(to),
    ],
  );
  const asked = new Map<string, string>();
  const conversations = new Map<string, { customerId: string | null; startedAt: number }>();
  const answered: Record<string, unknown>[] = [];
  const votes = new Map<string, boolean>();
  for (const r of rows) {
    const p = props(r.properties);
    const turn = String(p.turnId);
    if (r.name === ANSWER_EVENTS.asked) {
      asked.set(turn, String(p.question ?? ''));
      // Conversation ids are the widget's: keyed by who asked too, so two visitors never share one.
      const key = `${r.customer_id ?? ''}\n${String(p.conversationId)}`;
      const c = conversations.get(key);
      if (!c || r.ts < c.startedAt) conversations.set(key, { customerId: r.customer_id, startedAt: r.ts });
    } else if (r.name === ANSWER_EVENTS.answered) answered.push(p);
    else if (typeof p.helped === 'boolean') votes.set(turn, p.helped);
  }

  const contacts = new Map<string, number[]>();
  for (const c of await store.readRows(
    contactRow,
    `SELECT customer_id, ts FROM events
     WHERE workspace_id = $1 AND customer_id IS NOT NULL AND name IN ($2, $3) AND ts >= $4 AND ts < $5`,
    [workspaceId, ...CONTACT_EVENTS, new Date(from), new Date(to + DEFLECTION_WINDOW_MS)],
  ))
    contacts.set(c.customer_id, [...(contacts.get(c.customer_id) ?? []), c.ts]);
  const deflected = deflection([...conversations.values()], contacts, now);

  const byIntent = new Map<string, { asked: number; voted: number; helped: number }>();
  const byArticle = new Map<string, { shown: number; voted: number; helped: number }>();
  const unanswered: string[] = [];
  for (const p of answered) {
    const turn = String(p.turnId);
    const vote = votes.get(turn);
    const intent = typeof p.intent === 'string' ? p.intent : '(none: searched the articles)';
    const i = byIntent.get(intent) ?? { asked: 0, voted: 0, helped: 0 };
    i.asked++;
    if (vote !== undefined) {
      i.voted++;
      if (vote) i.helped++;
    }
    byIntent.set(intent, i);
    // An article is credited only where it was the answer (searched), not beside a contextual one.
    const articles = Array.isArray(p.articles) ? p.articles.map(String) : [];
    if (p.kind === 'articles' && articles[0]) {
      const a = byArticle.get(articles[0]) ?? { shown: 0, voted: 0, helped: 0 };
      a.shown++;
      if (vote !== undefined) {
        a.voted++;
        if (vote) a.helped++;
      }
      byArticle.set(articles[0], a);
    }
    if (p.kind === 'none' || vote === false) unanswered.push(asked.get(turn) ?? '');
  }

  const ces = await store.readRows(
    cesRow,
    `SELECT score, scale_min, scale_max FROM feedback
     WHERE workspace_id = $1 AND touchpoint = $2 AND metric = 'ces' AND source = $3 AND ts >= $4 AND ts < $5`,
    [workspaceId, SELF_SERVICE_TOUCHPOINT, CES_SOURCE, new Date(from), new Date(to)],
  );
  const easy = ces.filter((c) => isGoodAnswer('ces', c.score, { min: c.scale_min, max: c.scale_max })).length;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return {
    period: { from: iso(from), to: iso(to) },
    deflection: {
      population: `conversations of identified customers started ${iso(from)} to ${iso(to - DAY)} and at least 72 hours old; resolved = that customer opened no support ticket and asked for no hand-off within 72 hours`,
      ...deflected,
    },
    byIntent: [...byIntent]
      .map(([intent, v]) => ({ intent, asked: v.asked, helped: share(v.helped, v.voted) }))
      .sort((a, b) => b.asked - a.asked),
    byArticle: [...byArticle]
      .map(([article, v]) => ({ article, shown: v.shown, helped: share(v.helped, v.voted) }))
      .sort((a, b) => b.shown - a.shown),
    unanswered: groupUnanswered(unanswered.filter((q) => q !== '')),
    ces: {
      population: `CES answers given in the help widget after self-service, ${iso(from)} to ${iso(to - DAY)}; easy = 5-7 on 1-7`,
      n: ces.length,
      mean: ces.length ? ces.reduce((s, c) => s + c.score, 0) / ces.length : null,
      easy: share(easy, ces.length),
    },
  };
}
