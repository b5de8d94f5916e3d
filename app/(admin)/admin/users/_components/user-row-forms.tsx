"use client";

import { SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { RowSelect } from "@/app/(admin)/admin/_components/row-select";
import { changeRoleAction, setActiveAction } from "@/app/(admin)/admin/users/actions";
import { ROLES, type Role } from "@/lib/status";

/** A user's role, and deactivating or reactivating them (never oneself); either refusal shows below both. */
export function UserRowForms({
  user,
  isSelf,
}: {
  user: { id: string; name: string; role: Role; deactivated: boolean };
  isSelf: boolean;
}) {
  const [roleState, roleAction] = useConsoleAction(changeRoleAction);
  const [activeState, activeAction] = useConsoleAction(setActiveAction);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ConsoleForm action={roleAction} state={roleState} className="flex items-center gap-2">
        <HiddenFields values={{ userId: user.id }} />
        <RowSelect
          key={user.role}
          id={`role-${user.id}`}
          label={`Role of ${user.name}`}
          name="role"
          defaultValue={user.role}
          className="capitalize"
        >
          <EnumOptions values={ROLES} />
        </RowSelect>
        <SubmitButton variant="secondary" pendingLabel="Saving…" accessibleName={`Change role of ${user.name}`}>
          Change role
        </SubmitButton>
      </ConsoleForm>
      {!isSelf ? (
        <ConsoleForm action={activeAction} state={activeState}>
          <HiddenFields values={{ userId: user.id }} />
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
