"use client";

import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { ComponentFields, type ComponentValues } from "@/app/(admin)/admin/components/_components/component-fields";
import { deleteComponentAction, updateComponentAction } from "@/app/(admin)/admin/components/actions";

/** Edits a component, with deleting it set apart below. */
export function EditComponentForm({
  groups,
  component,
}: {
  groups: { id: string; name: string }[];
  component: ComponentValues & { id: string; version: number };
}) {
  const [state, action] = useConsoleAction(updateComponentAction);
  return (
    <div className="space-y-6">
      <ConsoleForm action={action} state={state} className="space-y-3">
        <HiddenFields values={{ componentId: component.id, version: component.version }} />
        <FormMessage state={state} />
        <ComponentFields groups={groups} prefix="edit" values={component} />
        <SubmitButton>Save component</SubmitButton>
      </ConsoleForm>
      <ButtonForm
        action={deleteComponentAction}
        fields={{ componentId: component.id }}
        className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800"
        variant="danger"
        pendingLabel="Deleting…"
        confirm={`Delete “${component.name}”? Its uptime history is deleted too; past incident updates keep its name.`}
      >
        Delete component
      </ButtonForm>
    </div>
  );
}
