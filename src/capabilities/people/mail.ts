import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job.ts';
import { insertJob } from '../../platform/jobs/rows.ts';
import type { JobContext } from '../../platform/jobs/runner.ts';
import { emailChannel, type EmailSender } from '../../platform/messaging/email.ts';
import type { Messenger } from '../../platform/messaging/messenger.ts';
import type { Sealer } from '../../platform/store/sealer.ts';
import type { SqlStatement } from '../../platform/store/port.ts';

/**
 * Invitations and reset links go out as a durable job stored in the same transaction as the link,
 * so an acknowledged request is mailed even if the server dies right after the reply; the send
 * log's idempotency key (the job's id) keeps a retried job from mailing twice. The body holds a
 * one-time link, so it is sealed at rest where the store has a sealing key.
 */
const emailInput = z.object({ to: z.string(), subject: z.string(), body: z.string(), id: z.string() });

export const MAIL_RETRY = { maxAttempts: 8, baseMs: 10_000, maxMs: 600_000 };

export function peopleEmailJob(deps: {
  sender: () => EmailSender | null;
  messenger: Messenger;
  sealer: Sealer | null;
}) {
  return defineJob({
    name: 'people.email',
    schema: emailInput,
    retry: MAIL_RETRY,
    handler: async (input, context: JobContext) => {
      const sender = deps.sender();
      if (!sender) throw new Error('no SMTP server is configured (CXLOOP_SMTP_HOST): the email waits');
      const text = deps.sealer?.isSealed(input.body) ? deps.sealer.open(input.body) : input.body;
      await deps.messenger.send(
        context.workspaceId,
        emailChannel(sender),
        {
          to: input.to,
          subject: input.subject,
          text,
          html: asHtml(text),
          headers: {},
          messageId: `<${input.id}@cxloop>`,
        },
        `people-email:${input.id}`,
      );
    },
  });
}

/** The statement that stores one email to send, for the transaction that stores its reason. */
export function emailStatement(
  workspaceId: string,
  email: { to: string; subject: string; text: string },
  sealer: Sealer | null,
  now: number,
): SqlStatement {
  const id = randomUUID();
  const body = sealer ? sealer.seal(email.text) : email.text;
  return insertJob(
    workspaceId,
    {
      id,
      name: 'people.email',
      payload: JSON.stringify({ to: email.to, subject: email.subject, body, id }),
      key: `people-email:${id}`,
      runAt: now,
      maxAttempts: MAIL_RETRY.maxAttempts,
    },
    now,
  );
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The same words as HTML, lines kept, links left as text a mail client makes clickable. */
function asHtml(text: string): string {
  return `<p>${text.replace(/[&<>"]/g, (c) => ESCAPES[c]!).replace(/\n/g, '<br>')}</p>`;
}
