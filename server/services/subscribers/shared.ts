import "server-only";
import { pageBaseUrl } from "@/server/page-url";
import { z } from "zod";
import type { DbOrTx, Tx } from "@/server/db/client";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { isResolvedStatus } from "@/lib/status";
import type { Actor } from "@/server/services/context";
import type { Mailer } from "@/server/notifications/mailer";

/** Public visitors managing their own subscription; only used to label audit rows, never to authorize. */
export const SELF_SERVICE_ACTOR: Actor = { kind: "system", role: "owner", label: "subscriber (self-service)" };

/** `clientAddress` is set by public routes so requests count against the subscription rate limits. */
export type PublicContext = { db?: DbOrTx; mailer?: Mailer; clientAddress?: string };

export const tokenSchema = z.string().trim().min(20, "This link is incomplete.").max(200, "This link is not valid.");

export const componentChoiceSchema = z.object({
  allComponents: z.boolean(),
  componentIds: z.array(z.string().trim().min(1).max(40)).max(500, "Choose at most 500 components.").default([]),
});

export function requireSomeComponent(
  value: { allComponents: boolean; componentIds: string[]; incidentId?: string },
  ctx: z.RefinementCtx,
) {
  if (!value.allComponents && !value.incidentId && value.componentIds.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["componentIds"],
      message: "Choose at least one component, or all components.",
    });
  }
}

/** Refuses an unknown or already resolved incident (no more updates will follow), naming the field. */
export async function checkIncidentOpen(db: DbOrTx, incidentId: string) {
  const incident = await db.incident.findUnique({ where: { id: incidentId }, select: { status: true } });
  if (!incident)
    throw new AppError("VALIDATION", "Some fields need attention.", { incidentId: ["That incident does not exist."] });
  if (isResolvedStatus(incident.status)) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      incidentId: ["That incident is already resolved; there will be no more updates."],
    });
  }
}

/** Refuses unknown component ids and an empty "some components" choice, naming the field. */
export async function checkComponentChoice(
  tx: DbOrTx,
  choice: { allComponents: boolean; componentIds: string[] },
): Promise<string[]> {
  if (choice.allComponents) return [];
  const ids = [...new Set(choice.componentIds)];
  if (ids.length === 0) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      componentIds: ["Choose at least one component, or all components."],
    });
  }
  const found = await tx.component.count({ where: { id: { in: ids } } });
  if (found !== ids.length) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      componentIds: ["One of the chosen components no longer exists. Reload the page and choose again."],
    });
  }
  return ids;
}

export async function replaceComponents(tx: Tx, subscriberId: string, componentIds: string[]) {
  await tx.subscriberComponent.deleteMany({ where: { subscriberId } });
  if (componentIds.length) {
    await tx.subscriberComponent.createMany({
      data: componentIds.map((componentId) => ({ subscriberId, componentId })),
    });
  }
}

export async function publicBaseUrl(db: DbOrTx = getDb()): Promise<{ baseUrl: string; pageName: string }> {
  const settings = await db.pageSettings.findFirst({ select: { name: true, url: true } });
  const baseUrl = pageBaseUrl({ url: settings?.url ?? "" });
  return { baseUrl, pageName: settings?.name ?? "Status" };
}
