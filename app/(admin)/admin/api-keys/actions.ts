"use server";

import { refresh } from "next/cache";
import { requireActor } from "@/server/auth/session";
import { toAppError } from "@/server/errors";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { revokeApiKey } from "@/server/services/api-keys/revoke-api-key";
import { formValues, perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

export type CreateApiKeyState = (NonNullable<ActionState> & { token?: string; keyName?: string }) | null;

/** Creates a key and hands its plaintext back this once; it is never shown again. */
export async function createApiKeyAction(_state: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  try {
    const actor = await requireActor("owner");
    const { apiKey, token } = await createApiKey({ ctx: { actor }, input: { name: text(formData, "name"), role: text(formData, "role") } });
    refresh();
    return { ok: true, token, keyName: apiKey.name };
  } catch (error) {
    const appError = toAppError(error);
    return {
      ok: false,
      formError: appError.fieldErrors && appError.code === "VALIDATION" ? "Some fields need attention." : appError.message,
      fieldErrors: appError.fieldErrors,
      values: formValues(formData),
    };
  }
}

export async function revokeApiKeyAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform("owner", formData, (actor) => revokeApiKey({ ctx: { actor }, input: { apiKeyId: text(formData, "apiKeyId") } }), "Key revoked.");
}
