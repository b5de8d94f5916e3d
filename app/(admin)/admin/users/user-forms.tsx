"use client";

import {
  Field,
  FormMessage,
  InputField,
  SubmitButton,
  fieldError,
  inputClass,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { changeRoleAction, createUserAction, setActiveAction } from "@/app/(admin)/admin/users/actions";
import { ROLES, type Role } from "@/lib/status";

export function CreateUserForm() {
  const [state, action, resetKey] = useConsoleAction(createUserAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <FormMessage state={state} />
      <Field id="user-name" label="Name" error={fieldError(state, "name")}>
        {(aria) => <input {...aria} name="name" defaultValue={valueOf(state, "name")} className={inputClass} />}
      </Field>
      <InputField state={state} id="user-email" label="Email" name="email" type="email" autoComplete="off" />
      <Field id="user-role" label="Role" error={fieldError(state, "role")}>
        {(aria) => (
          <select
            {...aria}
            name="role"
            defaultValue={valueOf(state, "role", "responder")}
            className={`${inputClass} capitalize`}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField
        state={state}
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

export function UserRowForms({
  user,
  isSelf,
}: {
  user: { id: string; name: string; role: Role; deactivated: boolean };
  isSelf: boolean;
}) {
  const [roleState, roleAction] = useConsoleAction(changeRoleAction);
  const [activeState, activeAction] = useConsoleAction(setActiveAction);
  const id = `role-${user.id}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ConsoleForm action={roleAction} state={roleState} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <label htmlFor={id} className="sr-only">
          Role of {user.name}
        </label>
        <select
          id={id}
          name="role"
          defaultValue={user.role}
          key={user.role}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm capitalize dark:border-zinc-700 dark:bg-zinc-900"
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" pendingLabel="Saving…" accessibleName={`Change role of ${user.name}`}>
          Change role
        </SubmitButton>
      </ConsoleForm>
      {!isSelf ? (
        <ConsoleForm action={activeAction} state={activeState}>
          <input type="hidden" name="userId" value={user.id} />
          {user.deactivated ? (
            <SubmitButton name="intent" value="reactivate" variant="secondary">
              Reactivate
            </SubmitButton>
          ) : (
            <SubmitButton
              name="intent"
              value="deactivate"
              variant="danger"
              confirm={`Deactivate ${user.name}? They are signed out everywhere and cannot sign in.`}
            >
              Deactivate
            </SubmitButton>
          )}
        </ConsoleForm>
      ) : null}
      {[roleState, activeState].map((state, i) =>
        state && !state.ok ? (
          <p key={i} role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
            {state.formError}{" "}
            {Object.values(state.fieldErrors ?? {})
              .flat()
              .join(" ")}
          </p>
        ) : null,
      )}
    </div>
  );
}
