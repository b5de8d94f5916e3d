"use server";

import { redirect } from "next/navigation";
import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text, utcInput } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import {
  rescheduleMaintenance,
  scheduleMaintenance,
  rescheduleMaintenanceSchema,
  scheduleMaintenanceSchema,
} from "@/server/services/maintenance/schedule-maintenance";
import { cancelMaintenance, cancelMaintenanceSchema } from "@/server/services/maintenance/cancel-maintenance";
import { formInput } from "@/server/services/validation";

const checkbox = (formData: FormData, name: string) => (formData.get(name) === "on" ? "true" : "false");

export async function scheduleMaintenanceAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  let createdId: string | undefined;
  const state = await perform("responder", formData, async (actor) => {
    const result = await scheduleMaintenance({
      ctx: { actor },
      input: formInput(scheduleMaintenanceSchema, {
        name: text(formData, "name"),
        message: text(formData, "message"),
        scheduledFor: utcInput(formData.get("scheduledFor")),
        scheduledUntil: utcInput(formData.get("scheduledUntil")),
        componentIds: formData.getAll("componentIds").filter((v): v is string => typeof v === "string"),
        autoTransition: checkbox(formData, "autoTransition"),
        deliverNotifications: checkbox(formData, "deliverNotifications"),
      }),
    });
    createdId = result.maintenance.id;
    return result;
  });
  if (state?.ok && createdId) redirect(`/admin/maintenance/${createdId}`);
  return state;
}

export async function rescheduleMaintenanceAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      rescheduleMaintenance({
        ctx: { actor },
        input: formInput(rescheduleMaintenanceSchema, {
          incidentId: text(formData, "incidentId"),
          version: text(formData, "version"),
          scheduledFor: utcInput(formData.get("scheduledFor")),
          scheduledUntil: utcInput(formData.get("scheduledUntil")),
          body: text(formData, "body"),
          deliverNotifications: checkbox(formData, "deliverNotifications"),
        }),
      }),
    "Rescheduled.",
  );
}

export async function cancelMaintenanceAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      cancelMaintenance({
        ctx: { actor },
        input: formInput(cancelMaintenanceSchema, {
          incidentId: text(formData, "incidentId"),
          body: text(formData, "body"),
          deliverNotifications: checkbox(formData, "deliverNotifications"),
        }),
      }),
    "Maintenance completed.",
  );
}
