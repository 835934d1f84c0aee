import nodemailer from 'nodemailer';
import type { Channel } from './channel.ts';

/** How to reach the SMTP server (parsed from the configuration by whoever sends). */
export interface SmtpSettings {
  host?: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  user?: string;
  pass?: string;
  from: string;
  allowSelfSigned: boolean;
  maxConnections: number;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Stable per invitation, so a resend after a crash can be recognised as the same message. */
  messageId: string;
}

/** Sends one email; rejects when the server does not accept it (the dispatcher retries). */
export interface EmailSender {
  /** SMTP connections in the pool: more messages at once would only queue inside the sender. */
  readonly maxConnections: number;
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** An SMTP sender over a pool of connections, as configured (host, port, TLS mode, credentials). */
export function smtpSender(smtp: SmtpSettings): EmailSender | null {
  if (!smtp.host) return null;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    tls: { rejectUnauthorized: !smtp.allowSelfSigned },
    pool: true,
    maxConnections: smtp.maxConnections,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    maxConnections: smtp.maxConnections,
    async send(email) {
      await transport.sendMail({
        from: smtp.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
        messageId: email.messageId,
      });
    },
    close: () => transport.close(),
  };
}

/** Email as a channel of the send log: the recipient is the address, the id the Message-ID. */
export function emailChannel(sender: EmailSender): Channel<OutgoingEmail> {
  return {
    name: 'email',
    recipient: (email) => email.to,
    messageId: (email) => email.messageId,
    async deliver(email) {
      await sender.send(email);
      return null;
    },
  };
}
