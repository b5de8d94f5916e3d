import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { SELF_SERVICE_ACTOR, tokenSchema, type PublicContext } from "@/server/services/subscribers/shared";
import { parseInput } from "@/server/services/validation";

const input = z.object({ token: tokenSchema });

/** One-click unsubscribe; repeating it is harmless. Undelivered messages to this subscriber are dropped. */
export async function unsubscribe({ ctx, input: raw }: { ctx: PublicContext; input: z.input<typeof input> }) {
  const { token } = parseInput(input, raw);
  return inTransaction({ actor: SELF_SERVICE_ACTOR, db: ctx.db }, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { manageToken: token },
      select: { id: true, unsubscribedAt: true },
    });
    if (!subscriber)
      throw new AppError(
        "NOT_FOUND",
        "This unsubscribe link is not valid. The subscription may already have been removed.",
      );
    if (subscriber.unsubscribedAt) return { subscriberId: subscriber.id, alreadyUnsubscribed: true };
    await tx.subscriber.update({
      where: { id: subscriber.id },
      data: { unsubscribedAt: new Date(), confirmTokenHash: null },
    });
    await tx.delivery.updateMany({
      where: { subscriberId: subscriber.id, status: { in: ["pending", "failed"] } },
      data: { status: "dead", lastError: "Not sent: the subscriber unsubscribed." },
    });
    await writeAudit(tx, SELF_SERVICE_ACTOR, {
      action: "subscriber.unsubscribe",
      entityType: "subscriber",
      entityId: subscriber.id,
    });
    return { subscriberId: subscriber.id, alreadyUnsubscribed: false };
  });
}
