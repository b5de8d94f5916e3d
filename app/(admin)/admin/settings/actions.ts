"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import { formValues } from "@/app/(admin)/admin/_lib/perform";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { updatePageSettings, pageSettingsSchema } from "@/server/services/settings/update-page-settings";
import { formInput } from "@/server/services/validation";

export async function updateSettingsAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) => updatePageSettings({ ctx: { actor }, input: formInput(pageSettingsSchema, formValues(formData)) }),
    "Settings saved; the public page shows them now.",
  );
}
