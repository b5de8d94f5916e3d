"use client";

import {
  CheckboxField,
  FormMessage,
  InputField,
  SelectField,
  SubmitButton,
  TextAreaField,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import {
  createComponentAction,
  createGroupAction,
  deleteComponentAction,
  deleteGroupAction,
  moveComponentAction,
  setComponentStatusAction,
  updateComponentAction,
  updateGroupAction,
} from "@/app/(admin)/admin/components/actions";
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS, LIMITS, type ComponentStatus } from "@/lib/status";

type Group = { id: string; name: string };
type ComponentValues = {
  id?: string;
  version?: number;
  name: string;
  description: string | null;
  groupId: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  startDate: string;
};

function ComponentFields({
  state,
  groups,
  values,
  prefix,
}: {
  state: ActionState;
  groups: Group[];
  values: ComponentValues;
  prefix: string;
}) {
  return (
    <>
      <InputField
        state={state}
        id={`${prefix}-name`}
        label="Name"
        name="name"
        fallback={values.name}
        maxLength={LIMITS.nameMax}
      />
      <TextAreaField
        state={state}
        id={`${prefix}-description`}
        label="Description"
        hint="Optional; shown as a tooltip on the public page."
        name="description"
        fallback={values.description ?? ""}
        rows={2}
        maxLength={LIMITS.descriptionMax}
      />
      <SelectField state={state} id={`${prefix}-group`} label="Group" name="groupId" fallback={values.groupId ?? ""}>
        <option value="">No group</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </SelectField>
      <InputField
        state={state}
        id={`${prefix}-startDate`}
        label="Start date"
        hint="Optional; uptime is counted from this day."
        name="startDate"
        fallback={values.startDate}
        type="date"
      />
      <CheckboxField state={state} name="showcase" fallback={values.showcase}>
        Show uptime history (showcase)
      </CheckboxField>
      <CheckboxField state={state} name="onlyShowIfDegraded" fallback={values.onlyShowIfDegraded}>
        Only show on the public page when not operational
      </CheckboxField>
    </>
  );
}

export function NewComponentForm({ groups }: { groups: Group[] }) {
  const [state, action, resetKey] = useConsoleAction(createComponentAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <FormMessage state={state} />
      <ComponentFields
        state={state}
        groups={groups}
        prefix="new"
        values={{
          name: "",
          description: null,
          groupId: null,
          showcase: true,
          onlyShowIfDegraded: false,
          startDate: "",
        }}
      />
      <SelectField state={state} id="new-status" label="Initial status" name="status" fallback="operational">
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {COMPONENT_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SubmitButton pendingLabel="Adding…">Add component</SubmitButton>
    </ConsoleForm>
  );
}

export function EditComponentForm({
  groups,
  component,
}: {
  groups: Group[];
  component: ComponentValues & { id: string; version: number };
}) {
  const [state, action] = useConsoleAction(updateComponentAction);
  const [deleteState, deleteAction] = useConsoleAction(deleteComponentAction);
  return (
    <div className="space-y-6">
      <ConsoleForm action={action} state={state} className="space-y-3">
        <input type="hidden" name="componentId" value={component.id} />
        <input type="hidden" name="version" value={component.version} />
        <FormMessage state={state} />
        <ComponentFields state={state} groups={groups} prefix="edit" values={component} />
        <SubmitButton>Save component</SubmitButton>
      </ConsoleForm>
      <ConsoleForm
        action={deleteAction}
        state={deleteState}
        className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800"
      >
        <input type="hidden" name="componentId" value={component.id} />
        <FormMessage state={deleteState} />
        <SubmitButton
          variant="danger"
          pendingLabel="Deleting…"
          confirm={`Delete “${component.name}”? Its uptime history is deleted too; past incident updates keep its name.`}
        >
          Delete component
        </SubmitButton>
      </ConsoleForm>
    </div>
  );
}

export function NewGroupForm() {
  const [state, action, resetKey] = useConsoleAction(createGroupAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <FormMessage state={state} />
      <InputField state={state} id="group-name" label="Group name" name="name" maxLength={LIMITS.nameMax} />
      <InputField
        state={state}
        id="group-description"
        label="Description"
        name="description"
        maxLength={LIMITS.descriptionMax}
      />
      <SubmitButton variant="secondary" pendingLabel="Adding…">
        Add group
      </SubmitButton>
    </ConsoleForm>
  );
}

export function EditGroupForm({ group }: { group: { id: string; name: string; description: string | null } }) {
  const [state, action] = useConsoleAction(updateGroupAction);
  const [deleteState, deleteAction] = useConsoleAction(deleteGroupAction);
  return (
    <div className="space-y-6">
      <ConsoleForm action={action} state={state} className="space-y-3">
        <input type="hidden" name="groupId" value={group.id} />
        <FormMessage state={state} />
        <InputField
          state={state}
          id="group-name"
          label="Name"
          name="name"
          fallback={group.name}
          maxLength={LIMITS.nameMax}
        />
        <InputField
          state={state}
          id="group-description"
          label="Description"
          name="description"
          fallback={group.description ?? ""}
          maxLength={LIMITS.descriptionMax}
        />
        <SubmitButton>Save group</SubmitButton>
      </ConsoleForm>
      <ConsoleForm
        action={deleteAction}
        state={deleteState}
        className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800"
      >
        <input type="hidden" name="groupId" value={group.id} />
        <FormMessage state={deleteState} />
        <SubmitButton
          variant="danger"
          pendingLabel="Deleting…"
          confirm={`Delete the group “${group.name}”? Its components stay, ungrouped.`}
        >
          Delete group
        </SubmitButton>
      </ConsoleForm>
    </div>
  );
}

export function MoveButtons({
  id,
  kind,
  name,
  first,
  last,
}: {
  id: string;
  kind: "component" | "group";
  name: string;
  first: boolean;
  last: boolean;
}) {
  const [state, action] = useConsoleAction(moveComponentAction);
  return (
    <ConsoleForm action={action} state={state} className="flex items-center gap-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="kind" value={kind} />
      <button
        type="submit"
        name="direction"
        value="up"
        disabled={first}
        aria-label={`Move ${name} up`}
        className="rounded border border-zinc-300 px-2 py-1 text-sm disabled:opacity-40 dark:border-zinc-700"
      >
        ↑
      </button>
      <button
        type="submit"
        name="direction"
        value="down"
        disabled={last}
        aria-label={`Move ${name} down`}
        className="rounded border border-zinc-300 px-2 py-1 text-sm disabled:opacity-40 dark:border-zinc-700"
      >
        ↓
      </button>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {state.formError}
        </span>
      ) : null}
    </ConsoleForm>
  );
}

export function SetStatusForm({
  componentId,
  name,
  status,
}: {
  componentId: string;
  name: string;
  status: ComponentStatus;
}) {
  const [state, action] = useConsoleAction(setComponentStatusAction);
  const id = `status-${componentId}`;
  return (
    <ConsoleForm action={action} state={state} className="flex items-center gap-2">
      <input type="hidden" name="componentId" value={componentId} />
      <label htmlFor={id} className="sr-only">
        Status of {name}
      </label>
      <select
        id={id}
        name="status"
        defaultValue={status}
        key={status}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {COMPONENT_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" pendingLabel="Setting…" accessibleName={`Set status of ${name}`}>
        Set
      </SubmitButton>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {state.formError}
        </span>
      ) : null}
      {state?.ok ? (
        <span role="status" className="text-xs text-green-800 dark:text-green-300">
          {state.message}
        </span>
      ) : null}
    </ConsoleForm>
  );
}
