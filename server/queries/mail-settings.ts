import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { authorize, type ActorContext } from "@/server/auth/actor";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import {
  DEFAULT_MAIL_FROM,
  loadMailConfig,
  readMailEnvironment,
  resolveMailConfig,
  savedMailSelect,
} from "@/server/notifications/config";

export type MailSettingsView = {
  /** What the environment sets; these win over the console's and are shown read-only. */
  environment: { smtpUrl: string | null; mailFrom: string | null };
  saved: {
    smtpUrl: string | null;
    hasPassword: boolean;
    /** The saved password cannot be opened: AUTH_SECRET changed since it was saved, so it must be entered again. */
    passwordUnreadable: boolean;
    mailFrom: string | null;
    version: number;
  };
  effective: { configured: boolean; mailFrom: string };
  defaultMailFrom: string;
  lastTest: { at: Date; ok: boolean; answer: string } | null;
};

/** `url` without its password, for showing. */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//");
  }
}

export async function getMailSettingsForOwner({ ctx }: { ctx: ActorContext }): Promise<MailSettingsView> {
  authorize(ctx.actor, "owner");
  const db = ctx.db ?? getDb();
  const row = await db.mailSettings.findUnique({
    where: { singleton: true },
    select: { ...savedMailSelect, version: true, lastTestAt: true, lastTestOk: true, lastTestAnswer: true },
  });
  const environment = readMailEnvironment();
  const onlySaved = resolveMailConfig({ smtpUrl: null, mailFrom: null, secret: environment.secret }, row);
  const effective = resolveMailConfig(environment, row);
  return {
    environment: {
      smtpUrl: environment.smtpUrl ? redactSmtpUrl(environment.smtpUrl) : null,
      mailFrom: environment.mailFrom,
    },
    saved: {
      smtpUrl: row?.smtpUrl ?? null,
      hasPassword: Boolean(row?.smtpPasswordSealed),
      passwordUnreadable: onlySaved.passwordUnreadable,
      mailFrom: row?.mailFrom ?? null,
      version: row?.version ?? 1,
    },
    effective: { configured: effective.smtpUrl !== null, mailFrom: effective.mailFrom },
    defaultMailFrom: DEFAULT_MAIL_FROM,
    lastTest:
      row?.lastTestAt && row.lastTestOk !== null
        ? { at: row.lastTestAt, ok: row.lastTestOk, answer: row.lastTestAnswer ?? "" }
        : null,
  };
}

/** Whether readers can subscribe by email: only once a mail server is configured whose settings can be used. */
export async function isEmailSubscriptionOffered(db: DbOrTx = getDb()): Promise<boolean> {
  const config = await loadMailConfig(db);
  return config.smtpUrl !== null && !config.passwordUnreadable;
}

/** `isEmailSubscriptionOffered` for public pages, cached under the page tag that a change of the mail settings bumps. */
export function getEmailSubscriptionOffered(): Promise<boolean> {
  return cached("email-subscription-offered", [TAGS.page], () => isEmailSubscriptionOffered());
}

export type EmailDeliveryProblem = { at: Date; error: string; source: "delivery" | "test" };

/** For the console overview: whether email is configured, and its newest failure since `since` or from the last test. */
export async function getEmailDeliveryState(
  db: DbOrTx,
  since: Date,
): Promise<{ configured: boolean; lastFailure: EmailDeliveryProblem | null }> {
  const [config, failed, settings] = await Promise.all([
    loadMailConfig(db),
    db.delivery.findFirst({
      where: {
        subscriber: { kind: "email" },
        status: { in: ["failed", "dead"] },
        lastError: { not: null },
        updatedAt: { gte: since },
      },
      orderBy: { updatedAt: "desc" },
      select: { updatedAt: true, lastError: true },
    }),
    db.mailSettings.findUnique({
      where: { singleton: true },
      select: { lastTestAt: true, lastTestOk: true, lastTestAnswer: true },
    }),
  ]);
  const problems: EmailDeliveryProblem[] = [];
  if (failed?.lastError) problems.push({ at: failed.updatedAt, error: failed.lastError, source: "delivery" });
  if (settings?.lastTestAt && settings.lastTestOk === false)
    problems.push({ at: settings.lastTestAt, error: settings.lastTestAnswer ?? "", source: "test" });
  problems.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { configured: config.smtpUrl !== null, lastFailure: problems[0] ?? null };
}
