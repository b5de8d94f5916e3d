"use server";

import { redirect } from "next/navigation";
import { setUpOwner } from "@/server/services/users/set-up-owner";
import { startSession } from "@/server/auth/start-session";
import { actionFailure } from "@/server/action-failure";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

export async function setUpOwnerAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const values = { email: String(formData.get("email") ?? ""), name: String(formData.get("name") ?? "") };
  const password = String(formData.get("password") ?? "");
  const confirmPassword = String(formData.get("confirmPassword") ?? "");
  try {
    const { user } = await setUpOwner({ input: { ...values, password, confirmPassword } });
    await startSession(user);
  } catch (error) {
    return { ...actionFailure(error), values };
  }
  redirect("/admin");
}
