import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { getDb } from "@/server/db/client";
import { recordIncidentEvent } from "@/server/services/incidents/incident-events";
import { ensurePage, unique } from "@/tests/support/factories";
import type { Mailer, OutgoingMail } from "@/server/notifications/mailer";
import { verificationAnswer } from "@/tests/support/webhook-endpoint";

export type ReceivedMail = { to: string[]; raw: string };
export type SmtpReply = { code: number; message: string };

/** A real SMTP server on a free port that keeps every message it is given, and can refuse a recipient on demand. */
export async function startSmtpRecorder() {
  const messages: ReceivedMail[] = [];
  const rcptReplies = new Map<string, SmtpReply[]>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = rcptReplies.get(address.address)?.shift();
      if (!reply) return callback();
      callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address: string) => messages.filter((m) => m.to.includes(address)),
    /** The next RCPT TO for `address` gets these replies, one per attempt, before mail is accepted again. */
    replyToRecipient: (address: string, ...replies: SmtpReply[]) =>
      rcptReplies.set(address, [...(rcptReplies.get(address) ?? []), ...replies]),
    clearReplies: () => rcptReplies.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Unfolds headers and decodes quoted-printable so assertions can search the text. */
export function decodeMail(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  // Headers are not quoted-printable: decoding them would turn "token=ED…" in List-Unsubscribe into "token\u00ed…".
  const body = rest
    .join("\n\n")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return [head.replace(/\r?\n[ \t]+/g, " "), body].join("\n\n");
}

export type ReceivedHook = {
  deliveryId: string;
  signature: string;
  body: string;
  json: Record<string, unknown>;
  at: number;
};

export type ScriptedAnswer = { status: number; headers?: Record<string, string>; body?: string };

/** An HTTP receiver that can fail on purpose or answer slowly, and dedupes by delivery id as a real receiver should. */
export async function startHookReceiver() {
  const hits: ReceivedHook[] = [];
  const behaviour = { failNext: 0, delayMs: 0, status: 204, redirect: false, queue: [] as ScriptedAnswer[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const verification = verificationAnswer(body);
      if (verification) {
        res.writeHead(200, { "Content-Type": "application/json" }).end(verification);
        return;
      }
      const respond = () => {
        const scripted = behaviour.queue.shift();
        if (scripted) {
          res.writeHead(scripted.status, scripted.headers).end(scripted.body ?? "");
          return;
        }
        if (behaviour.redirect) {
          res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data" }).end();
          return;
        }
        if (behaviour.failNext > 0) {
          behaviour.failNext -= 1;
          res.writeHead(503).end("down");
          return;
        }
        hits.push({
          deliveryId: String(req.headers["webhook-id"] ?? ""),
          signature: String(req.headers["x-statuspage-signature"] ?? ""),
          body,
          json: JSON.parse(body),
          at: Date.now(),
        });
        res.writeHead(behaviour.status).end();
      };
      if (behaviour.delayMs > 0) setTimeout(respond, behaviour.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    hits,
    behaviour,
    uniqueIds: () => new Set(hits.map((h) => h.deliveryId)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function memoryMailer() {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      sent.push(mail);
    },
  };
  return { mailer, sent };
}

export function confirmTokenFrom(mail: OutgoingMail): string {
  const match = /\/subscribe\/confirm\/([\w-]+)/.exec(mail.text);
  if (!match) throw new Error(`No confirmation link in: ${mail.text}`);
  return match[1];
}

/** Creates an incident and an update inside one transaction and records the event there, as the console does. */
export async function postIncidentUpdate(input: {
  componentIds: string[];
  incidentId?: string;
  deliverNotifications?: boolean;
  body?: string;
}) {
  return getDb().$transaction(async (tx) => {
    const incident = input.incidentId
      ? await tx.incident.findUniqueOrThrow({ where: { id: input.incidentId } })
      : await tx.incident.create({
          data: {
            name: unique("Incident"),
            status: "investigating",
            impact: "major",
            components: { create: input.componentIds.map((componentId) => ({ componentId })) },
          },
        });
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: incident.id,
        status: "investigating",
        body: input.body ?? "We are **looking** into it.",
        displayAt: new Date(),
        deliverNotifications: input.deliverNotifications ?? true,
      },
    });
    await recordIncidentEvent(tx, { type: "incident.update", incidentId: incident.id, updateId: update.id });
    return { incident, update };
  });
}

export async function deliveriesFor(subscriberId: string) {
  return getDb().delivery.findMany({
    where: { subscriberId },
    include: { attemptLog: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function until<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error("Timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `ensurePage` races when two files create the singleton at once; the loser just reads the winner's row. */
export async function ensurePageExists() {
  await ensurePage().catch(() => ensurePage());
}
