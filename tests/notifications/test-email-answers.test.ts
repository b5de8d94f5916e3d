import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher } from "@/tests/support/mail-catcher";
import { DEFAULT_MAIL_FROM, type MailConfig } from "@/server/notifications/config";
import { sendWithAnswer, type OutgoingMail } from "@/server/notifications/mailer";

const PASSWORD = "s3cret:p@ss/word";

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const config = (smtpUrl: string, mailFrom = DEFAULT_MAIL_FROM): MailConfig => ({
  smtpUrl,
  smtpSource: "console",
  mailFrom,
  mailFromSource: "console",
  passwordUnreadable: false,
});
const mail: OutgoingMail = { to: "owner@example.test", subject: "Test", text: "Test", html: "<p>Test</p>" };
const login = (password: string) => `mailer:${encodeURIComponent(password)}`;

describe("the test email reports the mail server's exact answer", () => {
  let server: Awaited<ReturnType<typeof startMailCatcher>>;
  beforeAll(async () => {
    server = await startMailCatcher({
      login: { user: "mailer", password: PASSWORD },
      refuseSender: (address) => address.startsWith("refused"),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("on success, the server's reply, and the message arrives", async () => {
    const answer = await sendWithAnswer(config(`smtp://${login(PASSWORD)}@127.0.0.1:${server.port}`), mail);
    expect(answer).toEqual({ ok: true, answer: expect.stringMatching(/^250 /) });
    expect(server.received.map(({ from, to }) => ({ from, to }))).toContainEqual({
      from: "status@localhost",
      to: ["owner@example.test"],
    });
  });

  it("a wrong password: EAUTH with the 535 reply", async () => {
    const answer = await sendWithAnswer(config(`smtp://${login("wrong")}@127.0.0.1:${server.port}`), mail);
    expect(answer).toEqual({ ok: false, answer: "EAUTH: 535 5.7.8 Authentication credentials invalid" });
  });

  it("a refused sender: EENVELOPE with the 550 reply", async () => {
    const answer = await sendWithAnswer(
      config(`smtp://${login(PASSWORD)}@127.0.0.1:${server.port}`, "Status <refused@example.test>"),
      mail,
    );
    expect(answer).toEqual({
      ok: false,
      answer: "EENVELOPE: 550 5.7.1 Sender address rejected: not owned by user",
    });
  });

  it("nothing listening: the connection error with ECONNREFUSED", async () => {
    const port = await closedPort();
    const answer = await sendWithAnswer(config(`smtp://127.0.0.1:${port}`), mail);
    expect(answer.ok).toBe(false);
    expect(answer.answer).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });

  it("no server configured, or a password that cannot be read: says what to do instead of trying", async () => {
    expect(await sendWithAnswer({ ...config(""), smtpUrl: null }, mail)).toEqual({
      ok: false,
      answer: expect.stringMatching(/set SMTP_URL .* or configure email in the console/),
    });
    expect(
      await sendWithAnswer({ ...config(`smtp://mailer@127.0.0.1:${server.port}`), passwordUnreadable: true }, mail),
    ).toEqual({ ok: false, answer: expect.stringMatching(/AUTH_SECRET changed.*enter it again/) });
  });
});
