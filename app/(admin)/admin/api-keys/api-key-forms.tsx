"use client";

import {
  FormMessage,
  InputField,
  SelectField,
  SubmitButton,
  inputClass,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(admin)/admin/api-keys/actions";

export function CreateApiKeyForm() {
  const [state, action] = useConsoleAction(createApiKeyAction);
  return (
    <div className="space-y-4">
      {state?.ok && state.token ? (
        <div
          role="status"
          className="space-y-2 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          <p className="font-medium">Key “{state.keyName}” created. Copy it now: it will not be shown again.</p>
          <label htmlFor="new-api-key" className="sr-only">
            New API key
          </label>
          <input
            id="new-api-key"
            readOnly
            value={state.token}
            onFocus={(e) => e.currentTarget.select()}
            className={`${inputClass} font-mono`}
          />
        </div>
      ) : null}
      <ConsoleForm action={action} state={state} className="space-y-3">
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <InputField
          state={state}
          id="api-key-name"
          label="Name"
          hint="What uses it, e.g. “PagerDuty” or “Chat bot”."
          name="name"
          maxLength={100}
        />
        <SelectField
          state={state}
          id="api-key-role"
          label="Role"
          hint="Responders can declare and update incidents; viewers can only read; owners can also change the page's profile (name, links, time zone). Give each script the least it needs."
          name="role"
          fallback="responder"
        >
          <option value="responder">Responder</option>
          <option value="viewer">Viewer</option>
          <option value="owner">Owner</option>
        </SelectField>
        <SubmitButton pendingLabel="Creating…">Create API key</SubmitButton>
      </ConsoleForm>
    </div>
  );
}

export function RevokeApiKeyForm({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const [state, action] = useConsoleAction(revokeApiKeyAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-1">
      <input type="hidden" name="apiKeyId" value={apiKeyId} />
      <SubmitButton
        variant="danger"
        pendingLabel="Revoking…"
        confirm={`Revoke “${name}”? Requests using it will be refused at once.`}
      >
        <span>
          Revoke<span className="sr-only"> {name}</span>
        </span>
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.formError}
        </p>
      ) : null}
    </ConsoleForm>
  );
}
