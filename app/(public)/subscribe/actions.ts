"use server";

import { redirect } from "next/navigation";
import { actionFailure } from "@/server/action-failure";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { confirmSubscription } from "@/server/services/subscribers/confirm-subscription";
import { updateSubscription } from "@/server/services/subscribers/update-subscription";
import { unsubscribe } from "@/server/services/subscribers/unsubscribe";
import type { SubscribeState } from "@/app/(public)/subscribe/_lib";
import { currentClientAddress } from "@/server/http/client-address";

function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function failure(error: unknown, formData: FormData): SubscribeState {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = key === "componentIds" ? all : (all[0] ?? "");
  }
  return { ...actionFailure(error), values };
}

function componentChoice(formData: FormData) {
  return {
    allComponents: formData.get("scope") !== "some",
    componentIds: formData.getAll("componentIds").filter((v): v is string => typeof v === "string"),
  };
}

export async function subscribeAction(_previous: SubscribeState, formData: FormData): Promise<SubscribeState> {
  try {
    const result = await createSubscription({
      ctx: { clientAddress: await currentClientAddress() },
      input: {
        kind: text(formData, "kind") ?? "email",
        email: text(formData, "email") ?? "",
        endpoint: text(formData, "endpoint") ?? "",
        incidentId: text(formData, "incidentId"),
        ...componentChoice(formData),
      },
    });
    if (result.kind === "webhook")
      return { ok: true, kind: "webhook", signingSecret: result.signingSecret, manageUrl: result.manageUrl };
    return { ok: true, kind: "email", email: result.email };
  } catch (error) {
    return failure(error, formData);
  }
}

export async function confirmAction(_previous: SubscribeState, formData: FormData): Promise<SubscribeState> {
  let manageToken: string;
  try {
    ({ manageToken } = await confirmSubscription({ ctx: {}, input: { token: text(formData, "token") ?? "" } }));
  } catch (error) {
    return failure(error, formData);
  }
  redirect(`/subscribe/manage/${encodeURIComponent(manageToken)}?confirmed=1`);
}

export async function updateSubscriptionAction(_previous: SubscribeState, formData: FormData): Promise<SubscribeState> {
  try {
    await updateSubscription({
      ctx: {},
      input: { token: text(formData, "token") ?? "", ...componentChoice(formData) },
    });
    return { ok: true, kind: "saved", message: "Your choice of components is saved." };
  } catch (error) {
    return failure(error, formData);
  }
}

export async function unsubscribeAction(_previous: SubscribeState, formData: FormData): Promise<SubscribeState> {
  const token = text(formData, "token") ?? "";
  try {
    await unsubscribe({ ctx: {}, input: { token } });
  } catch (error) {
    return failure(error, formData);
  }
  redirect(`/subscribe/unsubscribe/${encodeURIComponent(token)}`);
}
