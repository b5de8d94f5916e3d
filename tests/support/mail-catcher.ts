import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CaughtMail = { from: string; to: string[]; raw: string };

/**
 * A real SMTP server on loopback that keeps every message it accepts. With `login`, it wants that user and password
 * (answering 535 otherwise); senders `refuseSender` picks are refused with 550, as a server that checks them does.
 */
export async function startMailCatcher({
  login,
  refuseSender = () => false,
}: { login?: { user: string; password: string }; refuseSender?: (address: string) => boolean } = {}) {
  const received: CaughtMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    authOptional: !login,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.password)
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
    },
    onMailFrom(address, _session, callback) {
      if (!refuseSender(address.address)) return callback();
      callback(Object.assign(new Error("5.7.1 Sender address rejected: not owned by user"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
