/**
 * A way of reaching someone (email, webhook): it says who a message goes to and which id it
 * carries, and delivers it, rejecting when the other side did not accept it. The send log
 * (messenger.ts) wraps every channel the same way.
 */
export interface Channel<M> {
  readonly name: string;
  recipient(message: M): string;
  /** Stable per message, so a repeat after a crash can be recognised by the receiver. */
  messageId(message: M): string;
  /** Resolves with a short note for the log (e.g. the HTTP status); rejects when not accepted. */
  deliver(message: M): Promise<string | null>;
}
