import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { hashToken } from "@/server/services/subscribers/tokens";
import { PENDING_SUBSCRIBER_TTL_MS } from "@/server/notifications/prune-pending-subscribers";
import { SELF_SERVICE_ACTOR, tokenSchema, type PublicContext } from "@/server/services/subscribers/shared";
import { parseInput } from "@/server/services/validation";

const input = z.object({ token: tokenSchema });

/** Double opt-in: the link from the confirmation email activates the subscription; it works once. */
export async function confirmSubscription({ ctx, input: raw }: { ctx: PublicContext; input: z.input<typeof input> }) {
  const { token } = parseInput(input, raw);
  return inTransaction({ actor: SELF_SERVICE_ACTOR, db: ctx.db }, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { confirmTokenHash: hashToken(token) },
      select: { id: true, manageToken: true, updatedAt: true },
    });
    if (!subscriber) {
      throw new AppError(
        "NOT_FOUND",
        "This confirmation link has already been used or has been replaced by a newer one. Subscribe again to get a new link.",
      );
    }
    if (subscriber.updatedAt.getTime() < Date.now() - PENDING_SUBSCRIBER_TTL_MS) {
      throw new AppError("NOT_FOUND", "This confirmation link has expired. Subscribe again to get a new link.");
    }
    await tx.subscriber.update({
      where: { id: subscriber.id },
      data: { confirmedAt: new Date(), confirmTokenHash: null, unsubscribedAt: null },
    });
    await writeAudit(tx, SELF_SERVICE_ACTOR, {
      action: "subscriber.confirm",
      entityType: "subscriber",
      entityId: subscriber.id,
    });
    return { subscriberId: subscriber.id, manageToken: subscriber.manageToken };
  });
}
