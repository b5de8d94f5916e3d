"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { parseInput } from "@/server/services/validation";
import {
  dismissIncidentDraft,
  incidentDraftIdSchema,
  publishIncidentDraft,
} from "@/server/services/integrations/incident-drafts";

const draftId = (formData: FormData) => parseInput(incidentDraftIdSchema, { draftId: text(formData, "draftId") });

export async function publishIncidentDraftAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => publishIncidentDraft({ ctx: { actor }, input: draftId(formData) }),
    "Incident published.",
  );
}

export async function dismissIncidentDraftAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => dismissIncidentDraft({ ctx: { actor }, input: draftId(formData) }),
    "Draft dismissed.",
  );
}
