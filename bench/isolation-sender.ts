/**
 * The heavy side of bench/isolation.ts, in its own process so that building and sending megabyte
 * bodies never delays the probes it is compared with. Re-sends one kind of heavy request back to
 * back for a window, then prints what came back as JSON.
 * Usage: node --import tsx bench/isolation-sender.ts <url> <secret key> <kind> <window ms>
 */
import { SURVEY_YAML_MAX_BYTES } from '../src/capabilities/surveys/tasks.ts';
import { dematelBody, maximalCibBody, post, yamlSurveyBody, type Posted } from '../tests/heavy-load.ts';

export const KINDS = {
  cib: {
    name: 'maximal CIB (search never finishes)',
    body: maximalCibBody,
    send: (url: string, key: string, body: string) => post(url, '/v1/analyze/cib', key, body),
  },
  dematel: {
    name: 'DEMATEL 1000 x 1000',
    body: () => dematelBody(1000),
    send: (url: string, key: string, body: string) => post(url, '/v1/analyze/dematel', key, body),
  },
  yaml4m: {
    name: 'YAML survey 4 MB',
    body: () => yamlSurveyBody(4 * 1024 * 1024),
    send: (url: string, key: string, body: string) =>
      post(url, '/v1/surveys/big', key, body, 'application/yaml', 'PUT'),
  },
  yamlCap: {
    name: `YAML survey at the cap (${SURVEY_YAML_MAX_BYTES / 1024} KiB)`,
    body: () => yamlSurveyBody(SURVEY_YAML_MAX_BYTES),
    send: (url: string, key: string, body: string) =>
      post(url, '/v1/surveys/big', key, body, 'application/yaml', 'PUT'),
  },
} as const;
export type Kind = keyof typeof KINDS;

export interface SenderReport {
  bytes: number;
  outcomes: Record<string, { n: number; totalMs: number }>;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [url, key, kind, windowMs] = process.argv.slice(2) as [string, string, Kind, string];
  const spec = KINDS[kind];
  const body = spec.body();
  // The caller starts its probes when this line arrives, so body building is not in the window.
  process.stdout.write('ready\n');
  const start = performance.now();
  const report: SenderReport = { bytes: Buffer.byteLength(body), outcomes: {} };
  while (performance.now() - start < Number(windowMs)) {
    const r: Posted = await spec.send(url, key, body);
    const outcome = `${r.status}${r.body.error ? ` ${r.body.error.code}` : ''}`;
    const o = (report.outcomes[outcome] ??= { n: 0, totalMs: 0 });
    o.n++;
    o.totalMs += r.ms;
  }
  process.stdout.write(JSON.stringify(report) + '\n');
}
