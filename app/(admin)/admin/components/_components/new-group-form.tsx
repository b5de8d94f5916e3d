"use client";

import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { GroupFields } from "@/app/(admin)/admin/components/_components/group-fields";
import { createGroupAction } from "@/app/(admin)/admin/components/actions";

export function NewGroupForm() {
  const [state, action, resetKey] = useConsoleAction(createGroupAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <FormMessage state={state} />
      <GroupFields nameLabel="Group name" />
      <SubmitButton variant="secondary" pendingLabel="Adding…">
        Add group
      </SubmitButton>
    </ConsoleForm>
  );
}
