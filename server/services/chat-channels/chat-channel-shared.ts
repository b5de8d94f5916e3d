import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import type { Tx } from "@/server/db/client";
import { getNotificationConfig } from "@/server/notifications/config";
import { assertAllowedTarget, WebhookTargetError } from "@/server/notifications/target-guard";
import { CHAT_EVENTS, CHAT_PLATFORMS, CHAT_PLATFORM_LABELS } from "@/lib/integrations";
import { requiredText } from "@/server/services/validation";

export const chatChannelFields = {
  name: requiredText("Name", 100),
  platform: z.enum(CHAT_PLATFORMS, {
    error: `Choose a platform: ${CHAT_PLATFORMS.map((p) => CHAT_PLATFORM_LABELS[p]).join(", ")}.`,
  }),
  events: z
    .array(z.enum(CHAT_EVENTS, { error: "Choose events from the list." }), { error: "Choose at least one event." })
    .min(1, "Choose at least one event."),
  allComponents: z.boolean({ error: "Choose all components or some." }).default(true),
  componentIds: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "A component is not valid."), {
      error: "Choose components from the list.",
    })
    .max(500)
    .default([]),
};

export const webhookUrlField = z
  .string({ error: "Webhook URL is required." })
  .trim()
  .min(1, "Webhook URL is required.")
  .max(2000, "Webhook URL must be at most 2,000 characters.");

/** Applies the same SSRF guard deliveries use, before anything is stored. */
export async function assertChatTarget(url: string): Promise<void> {
  const config = getNotificationConfig();
  try {
    await assertAllowedTarget(url, {
      allowPrivateTargets: config.allowPrivateTargets,
      allowLoopbackHttp: config.allowLoopbackHttp,
    });
  } catch (error) {
    if (error instanceof WebhookTargetError)
      throw new AppError("VALIDATION", "Some fields need attention.", { webhookUrl: [error.message] });
    throw error;
  }
}

export function requireComponentsChoice(data: { allComponents: boolean; componentIds: string[] }) {
  if (!data.allComponents && data.componentIds.length === 0) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      componentIds: ["Choose at least one component, or send events about all components."],
    });
  }
}

export async function assertComponentsExist(tx: Tx, componentIds: string[]) {
  if (componentIds.length === 0) return;
  const found = await tx.component.count({ where: { id: { in: componentIds } } });
  if (found !== new Set(componentIds).size)
    throw new AppError("VALIDATION", "Some fields need attention.", {
      componentIds: ["A chosen component no longer exists; reload the page."],
    });
}

export const chatChannelAuditSelect = {
  id: true,
  name: true,
  platform: true,
  events: true,
  allComponents: true,
  disabledAt: true,
  version: true,
} as const;
