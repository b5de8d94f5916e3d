"use server";

import { refresh } from "next/cache";
import { requireActor } from "@/server/auth/session";
import { actionFailure } from "@/server/action-failure";
import { parseInput } from "@/server/services/validation";
import { formValues, perform } from "@/app/(admin)/admin/_lib/perform";
import { blankAsMissing, checkbox, numberField, text } from "@/app/(admin)/admin/_lib/form-input";
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

const dampingForm = {
  fireAfterSeconds: numberField(createIntegrationSchema.shape.fireAfterSeconds),
  recoverAfterSeconds: numberField(createIntegrationSchema.shape.recoverAfterSeconds),
};
const createIntegrationForm = createIntegrationSchema.extend(dampingForm);
const updateIntegrationForm = updateIntegrationSchema.extend(dampingForm);
const alertRuleForm = alertRuleSchema.extend({
  overrideIncidents: checkbox,
  incidentTemplateId: blankAsMissing(alertRuleSchema.shape.incidentTemplateId),
});

function dampingFields(formData: FormData) {
  return {
    name: text(formData, "name"),
    fireAfterSeconds: text(formData, "fireAfterSeconds"),
    recoverAfterSeconds: text(formData, "recoverAfterSeconds"),
  };
}

/** Creates an integration and hands its token back this once; it is never shown again. */
export async function createIntegrationAction(
  _state: CreateIntegrationState,
  formData: FormData,
): Promise<CreateIntegrationState> {
  try {
    const actor = await requireActor("owner");
    const input = parseInput(createIntegrationForm, { ...dampingFields(formData), source: text(formData, "source") });
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
        input: parseInput(updateIntegrationForm, {
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
        input: parseInput(integrationIdSchema, { integrationId: text(formData, "integrationId") }),
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
        input: parseInput(alertRuleForm, {
          integrationId: text(formData, "integrationId"),
          matchers: text(formData, "matchers"),
          componentId: text(formData, "componentId"),
          firingStatus: text(formData, "firingStatus"),
          overrideIncidents: text(formData, "overrideIncidents"),
          incidentMode: text(formData, "incidentMode"),
          incidentTemplateId: text(formData, "incidentTemplateId"),
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
      deleteAlertRule({ ctx: { actor }, input: parseInput(alertRuleIdSchema, { ruleId: text(formData, "ruleId") }) }),
    "Rule deleted.",
  );
}
