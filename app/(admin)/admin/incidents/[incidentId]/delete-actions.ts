"use server";

import { redirect } from "next/navigation";
import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import {
  deleteConfirmedIncident,
  deleteConfirmedIncidentSchema,
} from "@/server/services/incidents/delete-confirmed-incident";
import { formInput } from "@/server/services/validation";

export async function deleteIncidentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  let deletedKind: string | undefined;
  const state = await perform("owner", formData, async (actor) => {
    const result = await deleteConfirmedIncident({
      ctx: { actor },
      input: formInput(deleteConfirmedIncidentSchema, {
        incidentId: text(formData, "incidentId"),
        confirmName: text(formData, "confirmName"),
      }),
    });
    deletedKind = result.kind;
    return result;
  });
  if (state?.ok && deletedKind)
    redirect(
      deletedKind === "maintenance" ? "/admin/maintenance?deleted=maintenance" : "/admin/incidents?deleted=incident",
    );
  return state;
}
