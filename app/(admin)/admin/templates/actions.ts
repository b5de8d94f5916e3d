"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import {
  createTemplate,
  deleteTemplate,
  updateTemplate,
  deleteTemplateSchema,
  templateSchema,
  updateTemplateSchema,
} from "@/server/services/templates/template-services";
import { formInput } from "@/server/services/validation";

function fields(formData: FormData) {
  return {
    name: text(formData, "name"),
    title: text(formData, "title"),
    status: text(formData, "status"),
    body: text(formData, "body"),
  };
}

export async function saveTemplateAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const templateId = text(formData, "templateId");
  return templateId
    ? perform(
        "responder",
        formData,
        (actor) =>
          updateTemplate({
            ctx: { actor },
            input: formInput(updateTemplateSchema, { ...fields(formData), templateId }),
          }),
        "Template saved.",
      )
    : perform(
        "responder",
        formData,
        (actor) => createTemplate({ ctx: { actor }, input: formInput(templateSchema, fields(formData)) }),
        "Template created.",
      );
}

export async function deleteTemplateAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      deleteTemplate({
        ctx: { actor },
        input: formInput(deleteTemplateSchema, { templateId: text(formData, "templateId") }),
      }),
    "Template deleted.",
  );
}
