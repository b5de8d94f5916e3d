"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { createUserWithPassword, createUserSchema } from "@/server/services/users/create-user-with-password";
import {
  changeUserRole,
  changeUserRoleSchema,
  deactivateUser,
  deactivateUserSchema,
  reactivateUser,
} from "@/server/services/users/change-user-role";
import { formInput } from "@/server/services/validation";

export async function createUserAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) =>
      createUserWithPassword({
        ctx: { actor },
        input: formInput(createUserSchema, {
          email: text(formData, "email"),
          name: text(formData, "name"),
          role: text(formData, "role"),
          password: text(formData, "password"),
        }),
      }),
    "User created. Share the temporary password with them privately.",
  );
}

export async function changeRoleAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) =>
      changeUserRole({
        ctx: { actor },
        input: formInput(changeUserRoleSchema, { userId: text(formData, "userId"), role: text(formData, "role") }),
      }),
    "Role changed.",
  );
}

export async function setActiveAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const input = { userId: text(formData, "userId") };
  return text(formData, "intent") === "reactivate"
    ? perform(
        "owner",
        formData,
        (actor) => reactivateUser({ ctx: { actor }, input: formInput(deactivateUserSchema, input) }),
        "User reactivated.",
      )
    : perform(
        "owner",
        formData,
        (actor) => deactivateUser({ ctx: { actor }, input: formInput(deactivateUserSchema, input) }),
        "User deactivated; their sessions have ended.",
      );
}
