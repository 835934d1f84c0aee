import { Command, Option } from 'commander';
import {
  formatOption,
  printJson,
  printTable,
  readThrough,
  withCommonOptions,
  withServices,
  type CommonOptions,
} from '../cli-kit.ts';
import type { Requester } from './service.ts';
import type { AuditEntry } from './audit-log.ts';

/** The CLI on the database file acts as the operating-system user who runs it. */
async function cliRequester(): Promise<Requester> {
  const { userInfo } = await import('node:os');
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the entry still says it came from the CLI.
  }
  return { actor: { kind: 'cli', id: user }, origin: { ip: null, userAgent: 'cxloop-cli' } };
}

interface AuditOptions extends CommonOptions {
  actor?: string;
  operation?: string;
  target?: string;
  customer?: string;
  from?: string;
  to?: string;
  limit: string;
}

const auditFilters = (command: Command) =>
  withCommonOptions(command)
    .option('--actor <id>', 'only entries by this actor (a key id, a user id)')
    .option('--operation <name>', 'only this operation (journey.replace, key.create, customer.erase, ...)')
    .option('--target <target>', 'only entries about this target (survey:nps, key:k_1, journey)')
    .option('--customer <id>', 'only entries about this customer (the log names customers by a hash)')
    .option('--from <date>', 'start of the period (YYYY-MM-DD or ISO-8601)')
    .option('--to <date>', 'end of the period (a date includes that day)');

/** All pages of the log, newest first, through the API shape (server or file alike). */
async function readAudit(
  options: AuditOptions,
  limit: number,
): Promise<{ entries: AuditEntry[]; workspace: string }> {
  const query: Record<string, string> = {};
  for (const k of ['actor', 'operation', 'target', 'customer', 'from', 'to'] as const) {
    const v = options[k];
    if (v) query[k] = v;
  }
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  let workspace: string;
  do {
    const pageSize = Math.min(1000, limit - entries.length);
    const q: Record<string, string> = { ...query, limit: String(pageSize), ...(cursor ? { cursor } : {}) };
    const { answer, workspace: ws } = await readThrough(
      options,
      async (services, workspaceId) => {
        const { auditPage } = await import('./audit-page.ts');
        return auditPage(services, workspaceId, q);
      },
      { method: 'GET', path: '/v1/audit', query: q },
    );
    workspace = ws;
    entries.push(...answer.entries);
    cursor = answer.next;
  } while (cursor && entries.length < limit);
  return { entries, workspace };
}

export function register(program: Command) {
  const audit = program.command('audit').description('the audit log: who changed what, when, from where');

  auditFilters(audit.command('list'))
    .description('list entries, newest first')
    .option('--limit <n>', 'at most this many entries', '50')
    .addOption(formatOption())
    .action(async (options: AuditOptions & { format: 'json' | 'table' }) => {
      const { entries, workspace } = await readAudit(options, Number(options.limit));
      if (options.format === 'json') return printJson({ workspace, entries });
      process.stdout.write(`audit entries of workspace ${workspace}, newest first (${entries.length}):\n`);
      printTable(
        entries.map((e) => ({
          at: new Date(e.at).toISOString(),
          actor: `${e.actor.kind}:${e.actor.id}`,
          operation: e.operation,
          target: e.target ?? '',
          changes: e.diff ? e.diff.length : '',
          ip: e.ip ?? '',
        })),
      );
    });

  auditFilters(audit.command('export'))
    .description('every matching entry as JSON Lines (one entry per line), newest first')
    .option('--limit <n>', 'at most this many entries', '1000000')
    .action(async (options: AuditOptions) => {
      const { entries } = await readAudit(options, Number(options.limit));
      for (const e of entries) process.stdout.write(`${JSON.stringify(e)}\n`);
    });

  const customers = program
    .command('customers')
    .description('data subject requests: export or erase one customer');

  withCommonOptions(customers.command('export <id>'))
    .description(
      'everything cxloop holds about one customer: customer.json and one CSV per table, in a directory',
    )
    .requiredOption('--out <dir>', 'directory to write (created; files in it are replaced)')
    .action(async (id: string, options: CommonOptions & { out: string }) => {
      await withServices(options, async (services, workspace) => {
        const data = await services.privacy.exportCustomer(workspace.id, id, await cliRequester());
        const { exportFiles } = await import('./customer-export.ts');
        const { mkdirSync, writeFileSync } = await import('node:fs');
        const { join } = await import('node:path');
        mkdirSync(options.out, { recursive: true, mode: 0o700 });
        const files = exportFiles(data);
        for (const [name, content] of files) writeFileSync(join(options.out, name), content, { mode: 0o600 });
        const rows = data.tables.reduce((n, t) => n + t.rows.length, 0);
        process.stdout.write(
          `exported ${rows} rows about ${id} from ${workspace.id} into ${options.out} (${files.size} files)\n`,
        );
      });
    });

  withCommonOptions(customers.command('erase <id>'))
    .description(
      'erase one customer: every row, physically (the DuckDB file is rewritten); their ids and email are refused from then on',
    )
    .addOption(new Option('--yes', 'confirm: this cannot be undone').makeOptionMandatory())
    .addOption(formatOption())
    .action(async (id: string, options: CommonOptions & { format: 'json' | 'table' }) => {
      await withServices(options, async (services, workspace) => {
        const report = await services.privacy.eraseCustomer(workspace.id, id, await cliRequester());
        if (options.format === 'json') return printJson(report);
        const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);
        const reclaim =
          report.reclaim.engine === 'duckdb'
            ? `database file rewritten (${report.reclaim.bytesBefore} -> ${report.reclaim.bytesAfter} bytes)`
            : `VACUUM of ${report.reclaim.vacuumed.join(', ')}`;
        process.stdout.write(
          `erased ${id} from ${workspace.id}: ${rows} rows; ${reclaim}; suppressed as ${report.target}\n`,
        );
      });
    });
}
