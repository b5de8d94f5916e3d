"use server";

import { redirect } from "next/navigation";
import { setUpOwner } from "@/server/services/users/set-up-owner";
import { toAppError } from "@/server/errors";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

export async function setUpOwnerAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const values = { email: String(formData.get("email") ?? ""), name: String(formData.get("name") ?? "") };
  const password = String(formData.get("password") ?? "");
  if (password !== String(formData.get("confirmPassword") ?? "")) {
    return { ok: false, formError: "Some fields need attention.", fieldErrors: { confirmPassword: ["The passwords do not match."] }, values };
  }
  try {
    await setUpOwner({ input: { ...values, password } });
  } catch (error) {
    const appError = toAppError(error);
    return { ok: false, formError: appError.code === "VALIDATION" ? "Some fields need attention." : appError.message, fieldErrors: appError.fieldErrors, values };
  }
  redirect("/login?redirectTo=/admin");
}
