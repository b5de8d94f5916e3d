"use client";

import { FormMessage, InputField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { DampingFields } from "@/app/(admin)/admin/integrations/_components/damping-fields";
import { updateIntegrationAction } from "@/app/(admin)/admin/integrations/actions";

export function UpdateIntegrationForm({
  integration,
}: {
  integration: { id: string; name: string; fireAfterSeconds: number; recoverAfterSeconds: number };
}) {
  const [state, action] = useConsoleAction(updateIntegrationAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <HiddenFields values={{ integrationId: integration.id }} />
      <FormMessage state={state} />
      <InputField id={`${integration.id}-name`} label="Name" name="name" fallback={integration.name} maxLength={100} />
      <DampingFields idPrefix={integration.id} values={integration} />
      <SubmitButton variant="secondary">Save integration</SubmitButton>
    </ConsoleForm>
  );
}
