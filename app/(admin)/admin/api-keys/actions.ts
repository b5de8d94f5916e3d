"use server";

import { refresh } from "next/cache";
import { requireActor } from "@/server/auth/session";
import { actionFailure } from "@/server/action-failure";
import { createApiKey, createApiKeySchema } from "@/server/services/api-keys/create-api-key";
import { revokeApiKey, revokeApiKeySchema } from "@/server/services/api-keys/revoke-api-key";
import { formValues, perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { formInput } from "@/server/services/validation";

export type CreateApiKeyState = (NonNullable<ActionState> & { token?: string; keyName?: string }) | null;

/** Creates a key and hands its plaintext back this once; it is never shown again. */
export async function createApiKeyAction(_state: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  try {
    const actor = await requireActor("owner");
    const { apiKey, token } = await createApiKey({
      ctx: { actor },
      input: formInput(createApiKeySchema, { name: text(formData, "name"), role: text(formData, "role") }),
    });
    refresh();
    return { ok: true, token, keyName: apiKey.name };
  } catch (error) {
    return { ...actionFailure(error), values: formValues(formData) };
  }
}

export async function revokeApiKeyAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) =>
      revokeApiKey({ ctx: { actor }, input: formInput(revokeApiKeySchema, { apiKeyId: text(formData, "apiKeyId") }) }),
    "Key revoked.",
  );
}
