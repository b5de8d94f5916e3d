import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";

const input = z.object({ subscriberId: z.string().trim().min(1, "Choose a subscriber.").max(40) });

/** An owner deletes a subscriber with its deliveries and their log. */
export async function removeSubscriber({ ctx, input: raw }: { ctx: ServiceContext; input: z.input<typeof input> }) {
  authorize(ctx.actor, "owner");
  const { subscriberId } = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: subscriberId },
      select: { id: true, kind: true, email: true, endpoint: true },
    });
    if (!subscriber) throw new AppError("NOT_FOUND", "That subscriber has already been removed.");
    await tx.subscriber.delete({ where: { id: subscriber.id } });
    await writeAudit(tx, ctx.actor, {
      action: "subscriber.remove",
      entityType: "subscriber",
      entityId: subscriber.id,
      before: subscriber,
    });
    return { subscriberId: subscriber.id };
  });
}
