import "server-only";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import {
  SELF_SERVICE_ACTOR,
  checkComponentChoice,
  componentChoiceSchema,
  replaceComponents,
  requireSomeComponent,
  tokenSchema,
  type PublicContext,
} from "@/server/services/subscribers/shared";
import { parseInput } from "@/server/services/validation";

const input = componentChoiceSchema.extend({ token: tokenSchema }).superRefine(requireSomeComponent);

/** The manage link lets a subscriber change which components they hear about. */
export async function updateSubscription({
  ctx,
  input: raw,
}: {
  ctx: PublicContext;
  input: { token: string; allComponents: boolean; componentIds?: string[] } | Record<string, unknown>;
}) {
  const data = parseInput(input, raw);
  return inTransaction({ actor: SELF_SERVICE_ACTOR, db: ctx.db }, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { manageToken: data.token },
      select: {
        id: true,
        unsubscribedAt: true,
        incidentId: true,
        allComponents: true,
        components: { select: { componentId: true } },
      },
    });
    if (!subscriber) throw new AppError("NOT_FOUND", "This subscription link is not valid. It may have been removed.");
    if (subscriber.unsubscribedAt)
      throw new AppError("CONFLICT", "This subscription has been cancelled. Subscribe again to receive updates.");
    if (subscriber.incidentId)
      throw new AppError("CONFLICT", "This subscription follows one incident; it has no components to choose.");
    const componentIds = await checkComponentChoice(tx, data);
    await tx.subscriber.update({ where: { id: subscriber.id }, data: { allComponents: data.allComponents } });
    await replaceComponents(tx, subscriber.id, componentIds);
    await writeAudit(tx, SELF_SERVICE_ACTOR, {
      action: "subscriber.update",
      entityType: "subscriber",
      entityId: subscriber.id,
      before: {
        allComponents: subscriber.allComponents,
        componentIds: subscriber.components.map((c) => c.componentId),
      },
      after: { allComponents: data.allComponents, componentIds },
    });
    return { subscriberId: subscriber.id };
  });
}
