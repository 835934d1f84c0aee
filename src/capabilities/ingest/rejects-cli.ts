import type { Command } from 'commander';
import {
  formatOption,
  printJson,
  printTable,
  readThrough,
  withCommonOptions,
  type CommonOptions,
} from '../cli-kit.ts';
import { DomainError } from '../../platform/errors.ts';
import type { RejectRecordBody } from './contract.ts';

interface ListReply {
  total: number;
  waiting: number;
  rejects: RejectRecordBody[];
}
interface ReplayReply {
  replayed: number;
  stillRejected: { id: string; issues: { path: string; code: string; message: string }[] }[];
}

const reason = (r: { issues: { path: string; message: string }[] }) =>
  r.issues.map((i) => `${i.path || '(message)'}: ${i.message}`).join('; ');

/**
 * `cxloop rejects list|show|replay`: the messages the Segment-compatible calls refused while
 * storing the rest of their request. Each works on the file, or through the server holding it.
 */
export function register(program: Command) {
  const rejects = program
    .command('rejects')
    .description('messages the Segment-compatible calls refused (the rest of their batch was stored)');

  withCommonOptions(rejects.command('list'))
    .description('list refused messages, newest first, with why')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .addOption(formatOption())
    .action(async (options: CommonOptions & { limit: number; format: string }) => {
      const { answer } = await readThrough<ListReply>(
        options,
        async (services, workspaceId) => {
          const { asBody } = await import('./rejects-log.ts');
          const log = services.ingest.rejectsLog;
          const [list, counts] = await Promise.all([
            log.list(workspaceId, { limit: options.limit }),
            log.count(workspaceId),
          ]);
          return { ...counts, rejects: list.map(asBody) };
        },
        { method: 'GET', path: '/v1/rejects', query: { limit: String(options.limit) } },
      );
      if (options.format === 'json') return printJson(answer);
      process.stdout.write(`${answer.total} rejected messages, ${answer.waiting} not replayed\n`);
      printTable(
        answer.rejects.map((r) => ({
          id: r.id,
          received: r.receivedAt,
          call: r.call,
          replayed: r.replayedAt ?? '',
          reason: reason(r),
        })),
      );
    });

  withCommonOptions(rejects.command('show <id>'))
    .description('one refused message as it arrived, with its problems')
    .action(async (id: string, options: CommonOptions) => {
      const { answer } = await readThrough<RejectRecordBody | null>(
        options,
        async (services, workspaceId) => {
          const { asBody } = await import('./rejects-log.ts');
          const found = await services.ingest.rejectsLog.get(workspaceId, id);
          return found ? asBody(found) : null;
        },
        { method: 'GET', path: `/v1/rejects/${encodeURIComponent(id)}` },
      );
      if (!answer) throw new DomainError('not_found', `no reject "${id}" in this workspace`);
      printJson(answer);
    });

  withCommonOptions(rejects.command('replay [ids...]'))
    .description('validate refused messages again and store the ones valid now (all waiting ones by default)')
    .addOption(formatOption())
    .action(async (ids: string[], options: CommonOptions & { format: string }) => {
      const chosen = ids.length ? ids : undefined;
      const { answer } = await readThrough<ReplayReply>(
        options,
        (services, workspaceId) => services.ingest.replayRejects(workspaceId, chosen, services.now()),
        { method: 'POST', path: '/v1/rejects/replay', body: chosen ? { ids: chosen } : {} },
      );
      if (options.format === 'json') return printJson(answer);
      process.stdout.write(`replayed ${answer.replayed}; still rejected ${answer.stillRejected.length}\n`);
      for (const r of answer.stillRejected) process.stdout.write(`  ${r.id}: ${reason(r)}\n`);
    });
}
