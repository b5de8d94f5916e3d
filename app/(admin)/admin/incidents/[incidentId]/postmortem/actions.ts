"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text, utcInput } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import {
  publishPostmortem,
  savePostmortem,
  unpublishPostmortem,
  postmortemIncidentSchema,
  publishPostmortemSchema,
  savePostmortemSchema,
} from "@/server/services/postmortems/postmortem-services";
import { formInput } from "@/server/services/validation";

export async function postmortemAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const intent = text(formData, "intent");
  const input = {
    incidentId: text(formData, "incidentId"),
    body: text(formData, "body"),
    version: text(formData, "version"),
  };
  if (intent === "publish") {
    return perform(
      "responder",
      formData,
      (actor) =>
        publishPostmortem({
          ctx: { actor },
          input: formInput(publishPostmortemSchema, { ...input, publishedAt: utcInput(formData.get("publishedAt")) }),
        }),
      "Postmortem published.",
    );
  }
  if (intent === "unpublish")
    return perform(
      "responder",
      formData,
      (actor) => unpublishPostmortem({ ctx: { actor }, input: formInput(postmortemIncidentSchema, input) }),
      "Postmortem unpublished; it is a draft again.",
    );
  const saved =
    text(formData, "published") === "1"
      ? "Draft saved. Readers see the published postmortem until you publish the changes."
      : "Saved.";
  return perform(
    "responder",
    formData,
    (actor) => savePostmortem({ ctx: { actor }, input: formInput(savePostmortemSchema, input) }),
    saved,
  );
}
