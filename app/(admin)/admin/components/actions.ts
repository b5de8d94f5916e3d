"use server";

import { redirect } from "next/navigation";
import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { createComponent, createComponentSchema } from "@/server/services/components/create-component";
import { updateComponent, updateComponentSchema } from "@/server/services/components/update-component";
import { deleteComponent, deleteComponentSchema } from "@/server/services/components/delete-component";
import { moveComponent, moveComponentGroup, moveSchema } from "@/server/services/components/move-component";
import { setComponentStatus, setComponentStatusSchema } from "@/server/services/components/set-component-status";
import {
  createComponentGroup,
  deleteComponentGroup,
  updateComponentGroup,
  deleteComponentGroupSchema,
  updateComponentGroupSchema,
} from "@/server/services/components/component-groups";
import { formInput } from "@/server/services/validation";
import { groupFieldsSchema } from "@/server/services/components/component-shared";

function componentFields(formData: FormData) {
  return {
    name: text(formData, "name"),
    description: text(formData, "description"),
    groupId: text(formData, "groupId"),
    showcase: formData.get("showcase") === "on" ? "true" : "false",
    onlyShowIfDegraded: formData.get("onlyShowIfDegraded") === "on" ? "true" : "false",
    startDate: text(formData, "startDate"),
  };
}

export async function createComponentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      createComponent({
        ctx: { actor },
        input: formInput(createComponentSchema, { ...componentFields(formData), status: text(formData, "status") }),
      }),
    "Component added.",
  );
}

export async function updateComponentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      updateComponent({
        ctx: { actor },
        input: formInput(updateComponentSchema, {
          ...componentFields(formData),
          componentId: text(formData, "componentId"),
          version: text(formData, "version"),
        }),
      }),
    "Component saved.",
  );
}

export async function deleteComponentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const state = await perform("responder", formData, (actor) =>
    deleteComponent({
      ctx: { actor },
      input: formInput(deleteComponentSchema, { componentId: text(formData, "componentId") }),
    }),
  );
  if (state?.ok) redirect("/admin/components");
  return state;
}

export async function moveComponentAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const kind = text(formData, "kind");
  const raw = { id: text(formData, "id"), direction: text(formData, "direction") };
  return perform("responder", formData, (actor) => {
    const input = formInput(moveSchema, raw);
    return kind === "group" ? moveComponentGroup({ ctx: { actor }, input }) : moveComponent({ ctx: { actor }, input });
  });
}

export async function setComponentStatusAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      setComponentStatus({
        ctx: { actor },
        input: formInput(setComponentStatusSchema, {
          componentId: text(formData, "componentId"),
          status: text(formData, "status"),
        }),
      }),
    "Status set.",
  );
}

export async function createGroupAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      createComponentGroup({
        ctx: { actor },
        input: formInput(groupFieldsSchema, {
          name: text(formData, "name"),
          description: text(formData, "description"),
        }),
      }),
    "Group added.",
  );
}

export async function updateGroupAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      updateComponentGroup({
        ctx: { actor },
        input: formInput(updateComponentGroupSchema, {
          groupId: text(formData, "groupId"),
          name: text(formData, "name"),
          description: text(formData, "description"),
        }),
      }),
    "Group saved.",
  );
}

export async function deleteGroupAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const state = await perform("responder", formData, (actor) =>
    deleteComponentGroup({
      ctx: { actor },
      input: formInput(deleteComponentGroupSchema, { groupId: text(formData, "groupId") }),
    }),
  );
  if (state?.ok) redirect("/admin/components");
  return state;
}
