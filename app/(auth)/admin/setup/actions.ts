"use server";

import { redirect } from "next/navigation";
import { setUpPage } from "@/server/services/demo/set-up-page";
import { startSession } from "@/server/auth/start-session";
import { actionFailure } from "@/server/action-failure";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

export async function setUpOwnerAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const values = {
    email: String(formData.get("email") ?? ""),
    name: String(formData.get("name") ?? ""),
    start: String(formData.get("start") ?? ""),
  };
  const password = String(formData.get("password") ?? "");
  const confirmPassword = String(formData.get("confirmPassword") ?? "");
  try {
    const { user } = await setUpPage({ input: { ...values, password, confirmPassword } });
    await startSession(user);
  } catch (error) {
    return { ...actionFailure(error), values };
  }
  redirect("/admin");
}
