"use client";

import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { GroupFields } from "@/app/(admin)/admin/components/_components/group-fields";
import { deleteGroupAction, updateGroupAction } from "@/app/(admin)/admin/components/actions";

/** Edits a group, with deleting it (its components stay, ungrouped) set apart below. */
export function EditGroupForm({ group }: { group: { id: string; name: string; description: string | null } }) {
  const [state, action] = useConsoleAction(updateGroupAction);
  return (
    <div className="space-y-6">
      <ConsoleForm action={action} state={state} className="space-y-3">
        <HiddenFields values={{ groupId: group.id }} />
        <FormMessage state={state} />
        <GroupFields nameLabel="Name" values={group} />
        <SubmitButton>Save group</SubmitButton>
      </ConsoleForm>
      <ButtonForm
        action={deleteGroupAction}
        fields={{ groupId: group.id }}
        className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800"
        variant="danger"
        pendingLabel="Deleting…"
        confirm={`Delete the group “${group.name}”? Its components stay, ungrouped.`}
      >
        Delete group
      </ButtonForm>
    </div>
  );
}
