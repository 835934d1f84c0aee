import { HelpWidget } from './help.ts';
import type { HelpOptions } from './help-types.ts';
import { Identity } from './identity.ts';
import { Popover } from './popover.ts';
import { Transport } from './transport.ts';
import type { Options } from './types.ts';

/** Delays after a track call at which to look for a survey it may have triggered. */
const CHECKS_MS = [300, 1000, 2500, 5000];

/** The browser client: identify the visitor, track events, and show surveys triggers fire. */
export class Client {
  private readonly transport: Transport;
  private readonly identity = new Identity();
  private open: Popover | null = null;
  private helper: HelpWidget | null = null;
  private checks: ReturnType<typeof setTimeout>[] = [];

  constructor(private readonly options: Options & { host: string }) {
    this.transport = new Transport(options.host.replace(/\/$/, ''), options.key);
  }

  /**
   * `options.userHash` is what the site's backend computed for this customer (HMAC-SHA-256 of the
   * id with the workspace's identity-verification secret, hex): without it the widget shows no
   * survey meant for the customer, since anyone could claim any id with the page's ingest key.
   */
  async identify(
    customerId: string,
    traits?: Record<string, unknown>,
    options?: { userHash?: string },
  ): Promise<void> {
    this.identity.customerId = customerId;
    this.identity.userHash = options?.userHash;
    await this.transport.send('identify', {
      customerId,
      anonymousId: this.identity.anonymousId,
      ...(traits ? { traits } : {}),
    });
  }

  async track(name: string, properties?: Record<string, unknown>): Promise<void> {
    const customerId = this.identity.customerId;
    await this.transport.send('events', {
      name,
      timestamp: new Date().toISOString(),
      anonymousId: this.identity.anonymousId,
      ...(customerId ? { customerId } : {}),
      ...(properties ? { properties } : {}),
    });
    if (this.options.surveys !== false) this.scheduleChecks();
  }

  /**
   * Shows the help widget (a Help button, or with `inline` the open panel on the page). A signed-in
   * customer's questions are answered from their own orders only with the user hash from identify.
   */
  async help(options: HelpOptions = {}): Promise<void> {
    if (this.helper) return;
    const who = () => {
      const customerId = this.identity.customerId;
      const userHash = this.identity.userHash;
      const verified = customerId && userHash ? { customerId, userHash } : {};
      return { anonymousId: this.identity.anonymousId, ...verified };
    };
    this.helper = new HelpWidget(
      {
        ask: (question, conversationId, turnId, language) =>
          this.transport.answers('ask', { ...who(), question, conversationId, turnId, language }),
        vote: (conversationId, turnId, helped) =>
          this.transport.answers('vote', { ...who(), conversationId, turnId, helped }),
        handoff: (conversationId, email, message) =>
          this.transport.answers('handoff', {
            ...who(),
            conversationId,
            ...(email ? { email } : {}),
            ...(message ? { message } : {}),
          }),
        ces: (conversationId, score) => this.transport.answers('ces', { ...who(), conversationId, score }),
        identified: () => 'customerId' in who(),
      },
      options,
    );
    if (options.inline) this.helper.show();
  }

  private scheduleChecks() {
    this.checks.forEach(clearTimeout);
    this.checks = CHECKS_MS.map((ms) => setTimeout(() => void this.checkSurveys(), ms));
  }

  /** Shows the first in-page survey waiting for this visitor, if any and if none is showing. */
  async checkSurveys(): Promise<boolean> {
    if (this.open) return false;
    const { invitations } = await this.transport.pending(
      {
        customerId: this.identity.customerId,
        userHash: this.identity.userHash,
        anonymousId: this.identity.anonymousId,
      },
      navigator.language,
    );
    const first = invitations[0];
    if (!first || this.open) return false;
    this.checks.forEach(clearTimeout);
    const token = first.token;
    this.open = new Popover(first, {
      answer: (question, value) => this.transport.answer(token, question, value),
      dismiss: () => void this.transport.mark(token, 'dismiss').catch(() => undefined),
    });
    this.open.show(first.next);
    void this.transport.mark(token, 'shown').catch(() => undefined);
    return true;
  }
}
