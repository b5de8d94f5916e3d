"use client";

import { FormMessage, InputField, SelectField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { createUserAction } from "@/app/(admin)/admin/users/actions";
import { ROLES } from "@/lib/status";

export function CreateUserForm() {
  const [state, action, resetKey] = useConsoleAction(createUserAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <FormMessage state={state} />
      <InputField id="user-name" label="Name" name="name" />
      <InputField id="user-email" label="Email" name="email" type="email" autoComplete="off" />
      <SelectField id="user-role" label="Role" name="role" fallback="responder" className="capitalize">
        <EnumOptions values={ROLES} />
      </SelectField>
      <InputField
        id="user-password"
        label="Temporary password"
        hint="At least 12 characters."
        name="password"
        type="text"
        autoComplete="new-password"
      />
      <SubmitButton pendingLabel="Creating…">Create user</SubmitButton>
    </ConsoleForm>
  );
}
