import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";

const input = z.object({ subscriberId: z.string().trim().min(1, "Choose a subscriber.").max(40) });

/** An owner turns an automatically disabled webhook back on once its receiver is fixed. */
export async function reenableSubscriber({ ctx, input: raw }: { ctx: ServiceContext; input: z.input<typeof input> }) {
  authorize(ctx.actor, "owner");
  const { subscriberId } = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: subscriberId },
      select: { id: true, disabledAt: true, disabledReason: true },
    });
    if (!subscriber) throw new AppError("NOT_FOUND", "That subscriber has been removed.");
    if (!subscriber.disabledAt) return { subscriberId: subscriber.id };
    await tx.subscriber.update({
      where: { id: subscriber.id },
      data: { disabledAt: null, disabledReason: null, consecutiveFailures: 0 },
    });
    await writeAudit(tx, ctx.actor, {
      action: "subscriber.reenable",
      entityType: "subscriber",
      entityId: subscriber.id,
      before: { disabledReason: subscriber.disabledReason },
    });
    return { subscriberId: subscriber.id };
  });
}
