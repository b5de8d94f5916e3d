import "server-only";
import { z } from "zod";
import { getDb, type DbOrTx, type Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { smtpMailer } from "@/server/notifications/mailer";
import { getNotificationConfig } from "@/server/notifications/config";
import { assertAllowedTarget, WebhookTargetError } from "@/server/notifications/target-guard";
import { verifyWebhookEndpoint } from "@/server/notifications/verify-webhook";
import { renderAlreadySubscribedEmail, renderConfirmationEmail } from "@/server/notifications/email-templates";
import { confirmLink, subscriptionLinks } from "@/server/notifications/links";
import { hashToken, newSigningSecret, newToken } from "@/server/services/subscribers/tokens";
import {
  SELF_SERVICE_ACTOR,
  checkComponentChoice,
  checkIncidentOpen,
  componentChoiceSchema,
  publicBaseUrl,
  replaceComponents,
  requireSomeComponent,
  type PublicContext,
} from "@/server/services/subscribers/shared";
import { parseInput } from "@/server/services/validation";
import { countSubscriptionRequest } from "@/server/services/subscribers/subscription-limits";
import { errorSummary } from "@/server/error-summary";
import { isEmailSubscriptionOffered } from "@/server/queries/mail-settings";

export const EMAIL_NOT_OFFERED_MESSAGE =
  "This status page cannot send email yet, so it does not take email subscriptions. Subscribe with a webhook or follow a feed instead.";

const emailInput = componentChoiceSchema
  .extend({
    kind: z.literal("email"),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "That address is too long.")
      .pipe(z.email("Enter an email address such as you@example.com.")),
    incidentId: z.string().trim().min(1).max(40).optional(),
  })
  .superRefine(requireSomeComponent);

const webhookInput = componentChoiceSchema
  .extend({
    kind: z.literal("webhook"),
    endpoint: z
      .string()
      .trim()
      .min(1, "Enter the URL that should receive notifications.")
      .max(2000, "That URL is too long."),
    incidentId: z.string().trim().min(1).max(40).optional(),
  })
  .superRefine(requireSomeComponent);

export const createSubscriptionInput = z.discriminatedUnion("kind", [emailInput, webhookInput], {
  error: "Choose email or webhook.",
});
export type CreateSubscriptionInput = z.input<typeof createSubscriptionInput>;

export type CreateSubscriptionResult =
  | { kind: "email"; email: string }
  | { kind: "webhook"; subscriberId: string; signingSecret: string; manageUrl: string };

export const CONFIRMATION_EMAILS_PER_HOUR = 3;

/** Stops the form from being used to flood someone's inbox: a few emails per address per hour, whatever the scope. */
async function throttleConfirmationEmails(tx: Tx, email: string) {
  const rows = await tx.subscriber.findMany({ where: { kind: "email", email }, select: { id: true } });
  if (rows.length === 0) return;
  const recent = await tx.auditLog.count({
    where: {
      action: { in: ["subscriber.create", "subscriber.manage_link_sent"] },
      entityType: "subscriber",
      entityId: { in: rows.map((row) => row.id) },
      createdAt: { gte: new Date(Date.now() - 60 * 60_000) },
    },
  });
  if (recent >= CONFIRMATION_EMAILS_PER_HOUR) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      email: [
        "We have already emailed this address several times in the last hour. Check your inbox, or try again later.",
      ],
    });
  }
}

/** A caller that brings its own mailer (tests) has one; everyone else needs a mail server to be configured. */
async function requireEmailOffered(ctx: PublicContext, db: DbOrTx) {
  if (!ctx.mailer && !(await isEmailSubscriptionOffered(db)))
    throw new AppError("NOT_SUPPORTED", EMAIL_NOT_OFFERED_MESSAGE);
}

/**
 * Email: double opt-in, so this only mails a confirmation link (or, for an address already subscribed,
 * a link to manage it) and the same answer is given either way. Webhook: stored, active, only once the endpoint
 * has answered a signed verification request with its challenge; the secret is shown once.
 */
export async function createSubscription({
  ctx,
  input,
}: {
  ctx: PublicContext;
  input: CreateSubscriptionInput | Record<string, unknown>;
}): Promise<CreateSubscriptionResult> {
  const db = ctx.db ?? getDb();
  if (ctx.clientAddress) await countSubscriptionRequest(ctx.clientAddress, db);
  const data = parseInput(createSubscriptionInput, input);
  if (data.kind === "email") await requireEmailOffered(ctx, db);
  const componentIds = data.incidentId ? [] : await checkComponentChoice(db, data);
  const allComponents = data.incidentId ? false : data.allComponents;
  if (data.incidentId) await checkIncidentOpen(db, data.incidentId);
  const { baseUrl, pageName } = await publicBaseUrl(db);
  const auditAfter = { kind: data.kind, allComponents, componentIds, incidentId: data.incidentId ?? null };

  if (data.kind === "webhook") {
    const config = getNotificationConfig();
    const policy = { allowPrivateTargets: config.allowPrivateTargets, allowLoopbackHttp: config.allowLoopbackHttp };
    try {
      await assertAllowedTarget(data.endpoint, policy);
    } catch (error) {
      if (error instanceof WebhookTargetError)
        throw new AppError("VALIDATION", "Some fields need attention.", { endpoint: [error.message] });
      throw error;
    }
    const signingSecret = newSigningSecret();
    const unverified = await verifyWebhookEndpoint({ url: data.endpoint, secret: signingSecret, policy });
    if (unverified) throw new AppError("VALIDATION", "Some fields need attention.", { endpoint: [unverified] });
    const manageToken = newToken();
    const subscriber = await inTransaction({ actor: SELF_SERVICE_ACTOR, db: ctx.db }, async (tx) => {
      const created = await tx.subscriber.create({
        data: {
          kind: "webhook",
          endpoint: data.endpoint,
          signingSecret,
          manageToken,
          confirmedAt: new Date(),
          allComponents,
          incidentId: data.incidentId ?? null,
        },
        select: { id: true },
      });
      await replaceComponents(tx, created.id, componentIds);
      await writeAudit(tx, SELF_SERVICE_ACTOR, {
        action: "subscriber.create",
        entityType: "subscriber",
        entityId: created.id,
        after: { ...auditAfter, endpointHost: new URL(data.endpoint).host },
      });
      return created;
    });
    return {
      kind: "webhook",
      subscriberId: subscriber.id,
      signingSecret,
      manageUrl: subscriptionLinks(baseUrl, manageToken).manage,
    };
  }

  const addressKey = `email:${data.email}:${data.incidentId ?? "all"}`;
  const confirmToken = newToken();
  const outcome = await inTransaction({ actor: SELF_SERVICE_ACTOR, db: ctx.db }, async (tx) => {
    const existing = await tx.subscriber.findUnique({
      where: { addressKey },
      select: { id: true, confirmedAt: true, unsubscribedAt: true, manageToken: true },
    });
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`subscribe-email:${data.email}`}, 0))`;
    await throttleConfirmationEmails(tx, data.email);
    if (existing?.confirmedAt && !existing.unsubscribedAt) {
      await writeAudit(tx, SELF_SERVICE_ACTOR, {
        action: "subscriber.manage_link_sent",
        entityType: "subscriber",
        entityId: existing.id,
      });
      return { alreadyActive: true as const, manageToken: existing.manageToken };
    }
    const fields = {
      confirmTokenHash: hashToken(confirmToken),
      confirmedAt: null,
      unsubscribedAt: null,
      disabledAt: null,
      disabledReason: null,
      allComponents,
      incidentId: data.incidentId ?? null,
    };
    const subscriber = existing
      ? await tx.subscriber.update({ where: { id: existing.id }, data: fields, select: { id: true } })
      : await tx.subscriber.create({
          data: { ...fields, kind: "email", email: data.email, addressKey, manageToken: newToken() },
          select: { id: true },
        });
    await replaceComponents(tx, subscriber.id, componentIds);
    await writeAudit(tx, SELF_SERVICE_ACTOR, {
      action: "subscriber.create",
      entityType: "subscriber",
      entityId: subscriber.id,
      after: auditAfter,
    });
    return { alreadyActive: false as const, createdId: existing ? null : subscriber.id };
  });

  const mailer = ctx.mailer ?? smtpMailer;
  const scope = data.incidentId ? "updates about one incident" : "status updates";
  const mail = outcome.alreadyActive
    ? renderAlreadySubscribedEmail({
        pageName,
        to: data.email,
        manageUrl: subscriptionLinks(baseUrl, outcome.manageToken).manage,
      })
    : renderConfirmationEmail({ pageName, to: data.email, confirmUrl: confirmLink(baseUrl, confirmToken), scope });
  try {
    await mailer.send(mail);
  } catch (error) {
    console.error(`Could not send the subscription email: ${errorSummary(error)}`);
    // Nobody can confirm a subscription whose link was never sent; keep no row for it.
    if (!outcome.alreadyActive && outcome.createdId)
      await db.subscriber.deleteMany({ where: { id: outcome.createdId, confirmedAt: null } });
    throw new AppError(
      "UNAVAILABLE",
      "We could not send the confirmation email right now. Try again in a few minutes.",
    );
  }
  return { kind: "email", email: data.email };
}
