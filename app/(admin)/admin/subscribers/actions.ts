"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { perform } from "@/app/(admin)/admin/_lib/perform";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { removeSubscriber } from "@/server/services/subscribers/remove-subscriber";
import { reenableSubscriber } from "@/server/services/subscribers/reenable-subscriber";

function subscriberId(formData: FormData): string {
  const value = formData.get("subscriberId");
  return typeof value === "string" ? value : "";
}

export async function removeSubscriberAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await perform(
    "owner",
    formData,
    async (actor) => {
      await removeSubscriber({ ctx: { actor }, input: { subscriberId: subscriberId(formData) } });
      return { tags: [] };
    },
    "Subscriber removed.",
  );
  if (result?.ok) {
    revalidatePath("/admin/subscribers");
    if (formData.get("returnTo") === "list") redirect("/admin/subscribers");
  }
  return result;
}

export async function reenableSubscriberAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await perform(
    "owner",
    formData,
    async (actor) => {
      await reenableSubscriber({ ctx: { actor }, input: { subscriberId: subscriberId(formData) } });
      return { tags: [] };
    },
    "Webhook re-enabled; new notifications will be delivered again.",
  );
  if (result?.ok) revalidatePath(`/admin/subscribers/${subscriberId(formData)}`);
  return result;
}
