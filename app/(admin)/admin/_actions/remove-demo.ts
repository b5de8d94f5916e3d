"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { removeDemo } from "@/server/services/demo/remove-demo";

export async function removeDemoAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) => removeDemo({ ctx: { actor } }),
    ({ removed }) =>
      `Demo removed: ${removed.components} components and ${removed.incidents + removed.maintenances} incidents and maintenances deleted.`,
  );
}
