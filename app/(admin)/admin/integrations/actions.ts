"use server";

import { refresh } from "next/cache";
import { requireActor } from "@/server/auth/session";
import { actionFailure } from "@/server/action-failure";
import { formInput } from "@/server/services/validation";
import { formValues, perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import {
  createIntegration,
  createIntegrationSchema,
  integrationIdSchema,
  revokeIntegration,
  updateIntegration,
  updateIntegrationSchema,
} from "@/server/services/integrations/manage-integrations";
import {
  alertRuleIdSchema,
  alertRuleSchema,
  createAlertRule,
  deleteAlertRule,
} from "@/server/services/integrations/manage-alert-rules";

export type CreateIntegrationState =
  (NonNullable<ActionState> & { token?: string; integrationId?: string; integrationName?: string }) | null;

/** A number field's text as a number, or left out when blank; the service says which numbers it takes. */
function numberText(formData: FormData, name: string): number | undefined {
  const value = text(formData, name);
  return value === undefined || value === "" ? undefined : Number(value);
}

function dampingFields(formData: FormData) {
  return {
    name: text(formData, "name"),
    fireAfterSeconds: numberText(formData, "fireAfterSeconds"),
    recoverAfterSeconds: numberText(formData, "recoverAfterSeconds"),
  };
}

/** Creates an integration and hands its token back this once; it is never shown again. */
export async function createIntegrationAction(
  _state: CreateIntegrationState,
  formData: FormData,
): Promise<CreateIntegrationState> {
  try {
    const actor = await requireActor("owner");
    const input = formInput(createIntegrationSchema, { ...dampingFields(formData), source: text(formData, "source") });
    const { integration, token } = await createIntegration({ ctx: { actor }, input });
    refresh();
    return { ok: true, token, integrationId: integration.id, integrationName: integration.name };
  } catch (error) {
    return { ...actionFailure(error), values: formValues(formData) };
  }
}

export async function updateIntegrationAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) =>
      updateIntegration({
        ctx: { actor },
        input: formInput(updateIntegrationSchema, {
          ...dampingFields(formData),
          integrationId: text(formData, "integrationId"),
        }),
      }),
    "Integration saved.",
  );
}

export async function revokeIntegrationAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) =>
      revokeIntegration({
        ctx: { actor },
        input: formInput(integrationIdSchema, { integrationId: text(formData, "integrationId") }),
      }),
    "Integration revoked; its URL now answers 401.",
  );
}

export async function createAlertRuleAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) =>
      createAlertRule({
        ctx: { actor },
        input: formInput(alertRuleSchema, {
          integrationId: text(formData, "integrationId"),
          matchers: text(formData, "matchers"),
          componentId: text(formData, "componentId"),
          firingStatus: text(formData, "firingStatus"),
          overrideIncidents: formData.get("overrideIncidents") === "on",
          incidentMode: text(formData, "incidentMode"),
          incidentTemplateId: text(formData, "incidentTemplateId") || undefined,
        }),
      }),
    "Rule added.",
  );
}

export async function deleteAlertRuleAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) =>
      deleteAlertRule({ ctx: { actor }, input: formInput(alertRuleIdSchema, { ruleId: text(formData, "ruleId") }) }),
    "Rule deleted.",
  );
}
