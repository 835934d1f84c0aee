import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (the smtp-server package) that keeps what it receives, parsed
 * with mailparser. `down = true` makes it refuse connections (421) and mail (451),
 * as a server in trouble does.
 */
export async function startSmtp() {
  const messages: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  const state = { down: false, refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (!state.down) return callback();
      state.refused++;
      const error = Object.assign(new Error('service not available, try later'), { responseCode: 421 });
      callback(error);
    },
    // Pooled clients keep their connection open, so refusing new connections is not enough.
    onMailFrom(_address, _session, callback) {
      if (!state.down) return callback();
      state.refused++;
      callback(Object.assign(new Error('temporary failure, try later'), { responseCode: 451 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          waiters.splice(0).forEach((wake) => wake());
          callback();
        })
        .catch(callback);
    },
  });
  // A client killed mid-transaction (a crash test's SIGKILL) resets its connection: that is the
  // client's crash, not this server's, and must not surface as an uncaught error in the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    state,
    /** Resolves once at least `n` messages have arrived, or rejects after `ms`. */
    async waitFor(n: number, ms = 10_000) {
      const until = Date.now() + ms;
      while (messages.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
