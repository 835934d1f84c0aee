/**
 * The report as one printable HTML page (no script): the judged and the measured matrices as
 * heat-map tables, the flagged beliefs with their intervals, the disagreements, agreement, effort
 * beside the data, the MICMAC quadrants side by side and the chosen actions. Every number says
 * what it counts. All text is escaped.
 */
import type { WorkshopReport } from './contract.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)} %`;
const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '-' : x.toFixed(d));
const pts = (i: [number, number] | null) =>
  i ? `${(i[0] * 100).toFixed(1)} to ${(i[1] * 100).toFixed(1)} points` : '-';

/** White to blue by value / max; the number is always printed, so the colour only helps the eye. */
function heat(value: number, max: number): string {
  const t = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  const c = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `background: rgb(${c(255, 47)}, ${c(255, 111)}, ${c(255, 171)}); color: ${t > 0.55 ? '#fff' : '#1f2933'}`;
}

function matrixTable(
  names: Map<string, string>,
  variables: string[],
  cell: (i: number, j: number) => { value: number | null; text: string; mark?: string },
  max: number,
): string {
  const head = variables.map((v) => `<th scope="col">${esc(names.get(v) ?? v)}</th>`).join('');
  const rows = variables
    .map((r, i) => {
      const cells = variables
        .map((_, j) => {
          if (i === j) return '<td class="diag"></td>';
          const c = cell(i, j);
          const style = c.value === null ? 'background: #eee' : heat(c.value, max);
          return `<td style="${style}"${c.mark ? ` class="${c.mark}"` : ''}>${esc(c.text)}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(names.get(r) ?? r)}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="matrix"><thead><tr><th>row influences column</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function reportPage(r: WorkshopReport): string {
  const names = new Map(r.workshop.touchpoints.map((t) => [t.id, t.name]));
  const vars = r.judgedMatrix.variables;
  const pair = new Map(r.pairs.map((p) => [`${p.from}>${p.to}`, p]));
  const judged = matrixTable(
    names,
    vars,
    (i, j) => {
      const p = pair.get(`${vars[i]}>${vars[j]}`)!;
      return {
        value: p.judged.median,
        text:
          p.judged.median === null ? '?' : `${num(p.judged.median, 1)}${p.judged.disagreement ? ' !' : ''}`,
        ...(p.flag ? { mark: 'flag' } : {}),
      };
    },
    3,
  );
  const measuredMax = Math.max(0.0001, ...r.pairs.map((p) => p.measured.riskDifference ?? 0));
  const measured = matrixTable(
    names,
    vars,
    (i, j) => {
      const p = pair.get(`${vars[i]}>${vars[j]}`)!;
      const rd = p.measured.riskDifference;
      // Shaded only where the 95 % interval lies above 0: a noisy estimate prints, but does not glow.
      const sure = p.measured.ci95 !== null && p.measured.ci95[0] > 0;
      return {
        value: rd === null ? null : sure ? rd : 0,
        text: rd === null ? 'n/a' : `${(rd * 100).toFixed(0)}`,
        ...(p.flag ? { mark: 'flag' } : {}),
      };
    },
    measuredMax,
  );
  const flagged = r.pairs.filter((p) => p.flag);
  const flagRows = flagged
    .map(
      (p) =>
        `<tr><td>${esc(p.flag === 'believed-not-supported' ? 'believed, not supported by the data' : 'strong in the data, not believed')}</td><td>${esc(names.get(p.from) ?? p.from)} &rarr; ${esc(names.get(p.to) ?? p.to)}</td><td>${num(p.judged.median, 1)} (n ${p.judged.n})</td><td>${pct(p.measured.riskDifference)}</td><td>${pts(p.measured.ci95)}</td><td>${pts(p.measured.simultaneous)}</td><td>${p.measured.n}</td></tr>`,
    )
    .join('');
  const disagreements = r.pairs.filter((p) => p.judged.disagreement);
  const dis = disagreements
    .map(
      (p) =>
        `<li>${esc(names.get(p.from) ?? p.from)} &rarr; ${esc(names.get(p.to) ?? p.to)}: judgements ${num(p.judged.min, 0)} to ${num(p.judged.max, 0)} (median ${num(p.judged.median, 1)}, n ${p.judged.n})</li>`,
    )
    .join('');
  const tps = r.touchpoints
    .map(
      (t) =>
        `<tr><td>${esc(t.name)}</td><td>${num(t.effort.median, 1)} (n ${t.effort.n}${t.effort.disagreement ? ', disagree' : ''})</td><td>${num(t.importance.median, 1)} (n ${t.importance.n})</td><td>${pct(t.measured.highEffort.share)} ${t.measured.highEffort.ci95 ? `[${pct(t.measured.highEffort.ci95[0])}, ${pct(t.measured.highEffort.ci95[1])}]` : ''} (n ${t.measured.highEffort.n})</td><td>${pct(t.measured.repeatContacts.share)} (n ${t.measured.repeatContacts.n})</td><td>${num(t.measured.resolutionHours.median, 1)} (n ${t.measured.resolutionHours.n})</td></tr>`,
    )
    .join('');
  const quads = r.analyses.quadrants
    .map(
      (q) =>
        `<tr${q.changed ? ' class="flag"' : ''}><td>${esc(names.get(q.touchpoint) ?? q.touchpoint)}</td><td>${q.judged ?? '-'}</td><td>${q.measured ?? 'no signals'}</td><td>${q.changed ? 'changes' : ''}</td></tr>`,
    )
    .join('');
  const agreementRows = r.agreement.participants
    .map(
      (p) =>
        `<tr><td>${esc(p.participant)}</td><td>${p.judgements}</td><td>${num(p.alphaWithout)}</td><td>${num(p.withOthers.rho)} (n ${p.withOthers.n})</td></tr>`,
    )
    .join('');
  const actions = r.actions
    .map(
      (a) =>
        `<li>${esc(a.title)}${a.owner ? ` (owner: ${esc(a.owner)})` : ''}${a.touchpoints.length ? ` &mdash; ${a.touchpoints.map((t) => esc(names.get(t) ?? t)).join(', ')}` : ''}</li>`,
    )
    .join('');
  const rank = r.beliefs.rank;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.workshop.name)}: workshop report</title>
<style>
  body { font: 13px/1.4 system-ui, sans-serif; color: #1f2933; margin: 1.5rem; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; break-after: avoid; }
  table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #cbd2d9; padding: .2rem .4rem; text-align: left; }
  .matrix td { text-align: center; min-width: 2.2rem; } .matrix th { font-weight: 500; }
  .diag { background: #f0f0f0; } .flag { outline: 2px solid #ab091e; outline-offset: -2px; }
  .note { color: #52606d; font-size: .9rem; max-width: 60rem; }
  @media print { body { margin: 0; } section { break-inside: avoid; } }
</style></head><body>
<h1>${esc(r.workshop.name)}</h1>
<p class="note">${r.participants} participants judged ${r.workshop.touchpoints.length} touchpoints and ${r.workshop.pairs} ordered pairs (each pair assigned to ${r.workshop.coverage}). Customers' data: ${esc(r.workshop.window.from)} to ${esc(r.workshop.window.to)}, ${r.measuredMatrix.customers} customers with signals.</p>
<section><h2>Beliefs the data contradicts (${flagged.length})</h2>
${flagged.length ? `<table><thead><tr><th>flag</th><th>pair</th><th>judged median (0-3)</th><th>measured risk difference</th><th>95 % interval</th><th>simultaneous interval (${r.beliefs.level === null ? '-' : `${(r.beliefs.level * 100).toFixed(2)} %`})</th><th>customers</th></tr></thead><tbody>${flagRows}</tbody></table>` : '<p>None: no judged influence is contradicted by an interval.</p>'}
<p class="note">${esc(r.definitions.beliefs)}</p>
<p>Rank correlation of judged and measured influence: ${rank.rho === null ? 'not computable' : `rho = ${num(rank.rho)}`}${rank.ci95 ? `, 95 % interval ${num(rank.ci95[0])} to ${num(rank.ci95[1])}` : ''} over ${rank.n} pairs with both. <span class="note">${esc(rank.method)}</span></p></section>
<section><h2>Judged influence (median of the judgements, 0-3; ! = the team disagrees; ? = not judged)</h2>${judged}</section>
<section><h2>Measured influence (risk difference, percentage points; shaded where the 95 % interval lies above 0; n/a = too few customers)</h2>${measured}<p class="note">${esc(r.definitions.measured)}</p></section>
<section><h2>Where the team disagrees (${disagreements.length} pairs)</h2>${dis ? `<ul>${dis}</ul>` : '<p>No pair.</p>'}<p class="note">${esc(r.definitions.disagreement)}</p></section>
<section><h2>Agreement</h2><p>Influence: alpha = ${num(r.agreement.influence.alpha)} over ${r.agreement.influence.units} cells with two or more judgements; effort: ${num(r.agreement.effort.alpha)}; importance: ${num(r.agreement.importance.alpha)}.</p>
<table><thead><tr><th>participant</th><th>judgements</th><th>team alpha without them</th><th>rho with the others' median</th></tr></thead><tbody>${agreementRows}</tbody></table><p class="note">${esc(r.definitions.agreement)}</p></section>
<section><h2>Effort: judged beside measured</h2><table><thead><tr><th>touchpoint</th><th>judged effort (1-5)</th><th>importance (1-5)</th><th>CES answers saying high effort</th><th>customers with a ticket who opened another within 7 days</th><th>median hours to resolution</th></tr></thead><tbody>${tps}</tbody></table><p class="note">${esc(r.definitions.effort)}</p></section>
<section><h2>MICMAC quadrants (direct influence), judged and measured</h2><table><thead><tr><th>touchpoint</th><th>judged</th><th>measured</th><th></th></tr></thead><tbody>${quads}</tbody></table><p class="note">Measured matrix: ${esc(r.measuredMatrix.rule)}.</p></section>
<section><h2>Actions (${r.actions.length})</h2>${actions ? `<ul>${actions}</ul>` : '<p>None recorded yet.</p>'}</section>
</body></html>`;
}
