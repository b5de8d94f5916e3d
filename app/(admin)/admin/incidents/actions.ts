"use server";

import { redirect } from "next/navigation";
import { perform, componentChanges } from "@/app/(admin)/admin/_lib/perform";
import { text, utcInput } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { INCIDENT_STATUS_LABELS } from "@/lib/status";
import { createIncident, createIncidentSchema } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate, postIncidentUpdateSchema } from "@/server/services/incidents/post-incident-update";
import { editIncidentUpdate, editIncidentUpdateSchema } from "@/server/services/incidents/edit-incident-update";
import { deleteIncidentUpdate, deleteIncidentUpdateSchema } from "@/server/services/incidents/delete-incident-update";
import { updateIncident, updateIncidentSchema } from "@/server/services/incidents/update-incident";
import {
  linkRelatedIncident,
  unlinkRelatedIncident,
  relatedIncidentSchema,
} from "@/server/services/incidents/link-related-incident";
import {
  reopenIncident,
  resolveIncident,
  reopenIncidentSchema,
  resolveIncidentSchema,
} from "@/server/services/incidents/resolve-incident";
import { formInput } from "@/server/services/validation";

const checkbox = (formData: FormData, name: string) => (formData.get(name) === "on" ? "true" : "false");

export async function createIncidentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  let createdId: string | undefined;
  const state = await perform("responder", formData, async (actor) => {
    const result = await createIncident({
      ctx: { actor },
      input: formInput(createIncidentSchema, {
        name: text(formData, "name"),
        impact: text(formData, "impact"),
        status: text(formData, "status"),
        message: text(formData, "message"),
        components: componentChanges(formData),
        deliverNotifications: checkbox(formData, "deliverNotifications"),
        startedAt: utcInput(formData.get("startedAt")),
      }),
    });
    createdId = result.incident.id;
    return result;
  });
  if (state?.ok && createdId) redirect(`/admin/incidents/${createdId}`);
  return state;
}

export async function postUpdateAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      postIncidentUpdate({
        ctx: { actor },
        input: formInput(postIncidentUpdateSchema, {
          incidentId: text(formData, "incidentId"),
          status: text(formData, "status"),
          body: text(formData, "body"),
          components: componentChanges(formData),
          deliverNotifications: checkbox(formData, "deliverNotifications"),
          displayAt: utcInput(formData.get("displayAt")),
        }),
      }),
    (result) => `Update posted (${INCIDENT_STATUS_LABELS[result.incident.status]}).`,
  );
}

export async function editUpdateAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      editIncidentUpdate({
        ctx: { actor },
        input: formInput(editIncidentUpdateSchema, {
          updateId: text(formData, "updateId"),
          version: text(formData, "version"),
          body: text(formData, "body"),
          displayAt: utcInput(formData.get("displayAt")),
        }),
      }),
    "Update saved.",
  );
}

export async function deleteUpdateAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      deleteIncidentUpdate({
        ctx: { actor },
        input: formInput(deleteIncidentUpdateSchema, { updateId: text(formData, "updateId") }),
      }),
    "Update deleted.",
  );
}

export async function updateIncidentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      updateIncident({
        ctx: { actor },
        input: formInput(updateIncidentSchema, {
          incidentId: text(formData, "incidentId"),
          version: text(formData, "version"),
          name: text(formData, "name"),
          impact: text(formData, "impact") || undefined,
        }),
      }),
    "Saved.",
  );
}

export async function linkRelatedAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      linkRelatedIncident({
        ctx: { actor },
        input: formInput(relatedIncidentSchema, {
          incidentId: text(formData, "incidentId"),
          relatedId: text(formData, "relatedId"),
        }),
      }),
    "Linked.",
  );
}

export async function unlinkRelatedAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      unlinkRelatedIncident({
        ctx: { actor },
        input: formInput(relatedIncidentSchema, {
          incidentId: text(formData, "incidentId"),
          relatedId: text(formData, "relatedId"),
        }),
      }),
    "Unlinked.",
  );
}

export async function resolveIncidentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      resolveIncident({
        ctx: { actor },
        input: formInput(resolveIncidentSchema, {
          incidentId: text(formData, "incidentId"),
          body: text(formData, "body"),
          setComponentsOperational: checkbox(formData, "setComponentsOperational"),
          deliverNotifications: checkbox(formData, "deliverNotifications"),
          displayAt: utcInput(formData.get("displayAt")),
        }),
      }),
    (result) =>
      result.componentsRestored
        ? `Incident resolved. ${result.componentsRestored} component${result.componentsRestored === 1 ? "" : "s"} set back to Operational.`
        : "Incident resolved.",
  );
}

export async function reopenIncidentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      reopenIncident({
        ctx: { actor },
        input: formInput(reopenIncidentSchema, {
          incidentId: text(formData, "incidentId"),
          body: text(formData, "body"),
          deliverNotifications: checkbox(formData, "deliverNotifications"),
        }),
      }),
    "Incident reopened as Investigating.",
  );
}
