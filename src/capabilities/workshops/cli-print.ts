/** The workshop commands' tables for people; imported when a command prints. */
import type { WorkshopReport, WorkshopStatus } from './contract.ts';

const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '-' : x.toFixed(d));
const pts = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}`);

export function statusText(s: WorkshopStatus): string {
  const lines = [
    `${s.workshop.name} (${s.workshop.id}): ${s.participants.length} of ${s.workshop.seats} seats taken`,
    `Pairs with at least ${s.workshop.coverage} judgements: ${s.cells.covered} of ${s.cells.pairs} (${s.cells.judged} with at least one)`,
    '',
  ];
  for (const p of s.participants)
    lines.push(
      `  ${String(p.seat + 1).padStart(2)}. ${p.name.padEnd(24)} ${p.answered}/${p.items} answered${p.finished ? ', finished' : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

export function reportText(r: WorkshopReport): string {
  const name = new Map(r.workshop.touchpoints.map((t) => [t.id, t.name]));
  const pair = (from: string, to: string) => `${name.get(from) ?? from} -> ${name.get(to) ?? to}`;
  const a = r.agreement;
  const lines = [
    `${r.workshop.name} (${r.workshop.id}): ${r.participants} participants; customers' data ${r.workshop.window.from} to ${r.workshop.window.to}`,
    '',
    `Agreement (${a.statistic}):`,
    `  influence alpha ${num(a.influence.alpha)} over ${a.influence.units} cells; effort ${num(a.effort.alpha)}; importance ${num(a.importance.alpha)}`,
    ...a.participants.map(
      (p) =>
        `  ${p.participant.padEnd(24)} ${String(p.judgements).padStart(4)} judgements, team alpha without them ${num(p.alphaWithout)}, rho with the others ${num(p.withOthers.rho)} (n ${p.withOthers.n})`,
    ),
    '',
    `Beliefs the data contradicts (${r.pairs.filter((p) => p.flag).length}):`,
  ];
  for (const p of r.pairs.filter((x) => x.flag))
    lines.push(
      `  ${p.flag === 'believed-not-supported' ? 'NOT SUPPORTED' : 'NOT BELIEVED '}  ${pair(p.from, p.to)}: ${p.why}`,
    );
  const rank = r.beliefs.rank;
  lines.push(
    `Rank correlation judged vs measured: rho ${num(rank.rho)}${rank.ci95 ? ` [${num(rank.ci95[0])}, ${num(rank.ci95[1])}]` : ''} over ${rank.n} pairs`,
    '',
    `Pairs where the team disagrees (${r.pairs.filter((p) => p.judged.disagreement).length}):`,
  );
  for (const p of r.pairs.filter((x) => x.judged.disagreement))
    lines.push(
      `  ${pair(p.from, p.to)}: ${num(p.judged.min, 0)} to ${num(p.judged.max, 0)}, median ${num(p.judged.median, 1)}`,
    );
  lines.push('', 'Effort: judged (1-5) | CES answers saying high effort | repeat tickets within 7 days');
  for (const t of r.touchpoints)
    lines.push(
      `  ${t.name.padEnd(24)} ${num(t.effort.median, 1).padStart(4)} (n ${t.effort.n}) | ${pts(t.measured.highEffort.share)} % (n ${t.measured.highEffort.n}) | ${pts(t.measured.repeatContacts.share)} % (n ${t.measured.repeatContacts.n})`,
    );
  lines.push('', 'MICMAC quadrants (direct): judged | measured');
  for (const q of r.analyses.quadrants)
    lines.push(
      `  ${(name.get(q.touchpoint) ?? q.touchpoint).padEnd(24)} ${(q.judged ?? '-').padEnd(12)} ${q.measured ?? 'no signals'}${q.changed ? '  <- changes' : ''}`,
    );
  if (r.actions.length) {
    lines.push('', 'Actions:');
    for (const act of r.actions) lines.push(`  - ${act.title}${act.owner ? ` (${act.owner})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
