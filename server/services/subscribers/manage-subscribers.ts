import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { getNotificationConfig } from "@/server/notifications/config";
import { assertAllowedTarget, WebhookTargetError } from "@/server/notifications/target-guard";
import { hashToken, newSigningSecret, newToken } from "@/server/services/subscribers/tokens";
import { checkComponentChoice, checkIncidentOpen, replaceComponents } from "@/server/services/subscribers/shared";
import { parseInput } from "@/server/services/validation";

// Subscribers managed by staff and API keys (Statuspage's management API), as opposed to visitors' self-service.

const componentIds = z.array(z.string().trim().min(1).max(40)).max(500, "Choose at most 500 components.").optional();

const addInput = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("email"),
      email: z
        .string()
        .trim()
        .toLowerCase()
        .max(254, "That address is too long.")
        .pipe(z.email("Enter an email address such as you@example.com.")),
      skipConfirmation: z.boolean().default(false),
      componentIds,
      // Told only about this incident, until it is resolved; components do not apply then.
      incidentId: z.string().trim().min(1).max(40).optional(),
    }),
    z.object({
      kind: z.literal("webhook"),
      endpoint: z
        .string()
        .trim()
        .min(1, "Enter the URL that should receive notifications.")
        .max(2000, "That URL is too long."),
      componentIds,
    }),
  ],
  { error: "Send an email address or a webhook endpoint." },
);

export type AddedSubscriber = { subscriberId: string; confirmToken: string | null; signingSecret: string | null };

/**
 * Adds an email subscriber (confirmed at once with `skipConfirmation`, otherwise pending until the emailed link is
 * followed: the caller sends that email after commit) or a webhook subscriber. No components means all components.
 * An email subscriber with `incidentId` follows that one unresolved incident, as the incident page's form does.
 */
export async function addSubscriber({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof addInput>;
}): Promise<AddedSubscriber> {
  authorize(ctx.actor, "responder");
  const data = parseInput(addInput, input);
  if (data.kind === "webhook") {
    const config = getNotificationConfig();
    try {
      await assertAllowedTarget(data.endpoint, {
        allowPrivateTargets: config.allowPrivateTargets,
        allowLoopbackHttp: config.allowLoopbackHttp,
      });
    } catch (error) {
      if (error instanceof WebhookTargetError)
        throw new AppError("VALIDATION", "Some fields need attention.", { endpoint: [error.message] });
      throw error;
    }
  }
  return inTransaction(ctx, async (tx) => {
    const incidentId = data.kind === "email" ? data.incidentId : undefined;
    if (incidentId) {
      await checkIncidentOpen(tx, incidentId);
      if (data.componentIds?.length)
        throw new AppError("VALIDATION", "Some fields need attention.", {
          componentIds: ["A subscriber to one incident follows that incident, not components."],
        });
    }
    const ids = data.componentIds?.length
      ? await checkComponentChoice(tx, { allComponents: false, componentIds: data.componentIds })
      : [];
    const allComponents = ids.length === 0;
    if (data.kind === "webhook") {
      const signingSecret = newSigningSecret();
      const created = await tx.subscriber.create({
        data: {
          kind: "webhook",
          endpoint: data.endpoint,
          signingSecret,
          manageToken: newToken(),
          confirmedAt: new Date(),
          allComponents,
        },
        select: { id: true },
      });
      await replaceComponents(tx, created.id, ids);
      await writeAudit(tx, ctx.actor, {
        action: "subscriber.create",
        entityType: "subscriber",
        entityId: created.id,
        after: { kind: "webhook", endpointHost: new URL(data.endpoint).host, componentIds: ids },
      });
      return { subscriberId: created.id, confirmToken: null, signingSecret };
    }
    const addressKey = `email:${data.email}:${incidentId ?? "all"}`;
    const existing = await tx.subscriber.findUnique({
      where: { addressKey },
      select: { id: true, confirmedAt: true, unsubscribedAt: true },
    });
    if (existing?.confirmedAt && !existing.unsubscribedAt) {
      throw new AppError("VALIDATION", "Some fields need attention.", {
        email: [incidentId ? "This address already follows this incident." : "This address is already subscribed."],
      });
    }
    const confirmToken = data.skipConfirmation ? null : newToken();
    const fields = {
      confirmTokenHash: confirmToken ? hashToken(confirmToken) : null,
      confirmedAt: data.skipConfirmation ? new Date() : null,
      unsubscribedAt: null,
      disabledAt: null,
      disabledReason: null,
      allComponents: incidentId ? false : allComponents,
      incidentId: incidentId ?? null,
    };
    const subscriber = existing
      ? await tx.subscriber.update({ where: { id: existing.id }, data: fields, select: { id: true } })
      : await tx.subscriber.create({
          data: { ...fields, kind: "email", email: data.email, addressKey, manageToken: newToken() },
          select: { id: true },
        });
    await replaceComponents(tx, subscriber.id, ids);
    await writeAudit(tx, ctx.actor, {
      action: "subscriber.create",
      entityType: "subscriber",
      entityId: subscriber.id,
      after: {
        kind: "email",
        skipConfirmation: data.skipConfirmation,
        componentIds: ids,
        incidentId: incidentId ?? null,
      },
    });
    return { subscriberId: subscriber.id, confirmToken, signingSecret: null };
  });
}

const idInput = z.object({ subscriberId: z.string().trim().min(1, "Choose a subscriber.").max(40) });

/** Unsubscribes on the subscriber's behalf; messages not yet delivered to it are dropped. Repeating it is harmless. */
export async function unsubscribeSubscriber({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof idInput> }) {
  authorize(ctx.actor, "responder");
  const { subscriberId } = parseInput(idInput, input);
  return inTransaction(ctx, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: subscriberId },
      select: { id: true, unsubscribedAt: true },
    });
    if (!subscriber) throw new AppError("NOT_FOUND", "There is no subscriber with that id.");
    if (subscriber.unsubscribedAt) return { subscriberId, alreadyUnsubscribed: true };
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: { unsubscribedAt: new Date(), confirmTokenHash: null },
    });
    await tx.delivery.updateMany({
      where: { subscriberId, status: { in: ["pending", "failed"] } },
      data: { status: "dead", lastError: "Not sent: the subscriber was unsubscribed." },
    });
    await writeAudit(tx, ctx.actor, {
      action: "subscriber.unsubscribe",
      entityType: "subscriber",
      entityId: subscriberId,
    });
    return { subscriberId, alreadyUnsubscribed: false };
  });
}

/** A fresh confirmation link for an email subscriber who has not confirmed yet; the caller emails it after commit. */
export async function renewConfirmation({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof idInput> }) {
  authorize(ctx.actor, "responder");
  const { subscriberId } = parseInput(idInput, input);
  return inTransaction(ctx, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: subscriberId },
      select: { id: true, kind: true, email: true, confirmedAt: true, unsubscribedAt: true },
    });
    if (!subscriber) throw new AppError("NOT_FOUND", "There is no subscriber with that id.");
    if (subscriber.kind !== "email" || subscriber.confirmedAt || subscriber.unsubscribedAt) {
      throw new AppError("VALIDATION", "Some fields need attention.", {
        subscriber: ["Only an email subscriber who has not confirmed yet can be sent a confirmation."],
      });
    }
    const confirmToken = newToken();
    await tx.subscriber.update({ where: { id: subscriberId }, data: { confirmTokenHash: hashToken(confirmToken) } });
    await writeAudit(tx, ctx.actor, {
      action: "subscriber.resend_confirmation",
      entityType: "subscriber",
      entityId: subscriberId,
    });
    return { email: subscriber.email!, confirmToken };
  });
}

/** Reactivates an unsubscribed or quarantined subscriber, as Statuspage's `reactivate` does. */
export async function reactivateSubscriber({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof idInput> }) {
  authorize(ctx.actor, "responder");
  const { subscriberId } = parseInput(idInput, input);
  return inTransaction(ctx, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: subscriberId },
      select: { id: true, confirmedAt: true },
    });
    if (!subscriber) throw new AppError("NOT_FOUND", "There is no subscriber with that id.");
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: { unsubscribedAt: null, disabledAt: null, disabledReason: null, consecutiveFailures: 0 },
    });
    await writeAudit(tx, ctx.actor, {
      action: "subscriber.reactivate",
      entityType: "subscriber",
      entityId: subscriberId,
    });
    return { subscriberId };
  });
}

const componentsInput = idInput.extend({
  componentIds: z.array(z.string().trim().min(1).max(40)).max(500, "Choose at most 500 components."),
});

/** Sets which components a page subscriber hears about; no components means all of them. */
export async function setSubscriberComponents({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof componentsInput>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(componentsInput, input);
  return inTransaction(ctx, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: data.subscriberId },
      select: { id: true, incidentId: true, allComponents: true, components: { select: { componentId: true } } },
    });
    if (!subscriber) throw new AppError("NOT_FOUND", "There is no subscriber with that id.");
    if (subscriber.incidentId)
      throw new AppError("CONFLICT", "This subscriber follows one incident; it has no components to choose.");
    const allComponents = data.componentIds.length === 0;
    const componentIds = await checkComponentChoice(tx, { allComponents, componentIds: data.componentIds });
    await tx.subscriber.update({ where: { id: subscriber.id }, data: { allComponents } });
    await replaceComponents(tx, subscriber.id, componentIds);
    await writeAudit(tx, ctx.actor, {
      action: "subscriber.update",
      entityType: "subscriber",
      entityId: subscriber.id,
      before: {
        allComponents: subscriber.allComponents,
        componentIds: subscriber.components.map((c) => c.componentId),
      },
      after: { allComponents, componentIds },
    });
    return { subscriberId: subscriber.id };
  });
}
