"use client";

import { setUpOwnerAction } from "@/app/(auth)/admin/setup/actions";
import {
  Field,
  FormMessage,
  SubmitButton,
  fieldError,
  inputClass,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";

export function SetupForm() {
  const [state, action] = useConsoleAction(setUpOwnerAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-4">
      <FormMessage state={state} />
      <Field id="name" label="Your name" error={fieldError(state, "name")}>
        {(aria) => (
          <input
            {...aria}
            name="name"
            autoComplete="name"
            defaultValue={valueOf(state, "name")}
            className={inputClass}
          />
        )}
      </Field>
      <Field id="email" label="Email" error={fieldError(state, "email")}>
        {(aria) => (
          <input
            {...aria}
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={valueOf(state, "email")}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="password"
        label="Password"
        hint="At least 12 characters, without your name or email address."
        error={fieldError(state, "password")}
      >
        {(aria) => (
          <input {...aria} name="password" type="password" autoComplete="new-password" className={inputClass} />
        )}
      </Field>
      <Field id="confirmPassword" label="Confirm password" error={fieldError(state, "confirmPassword")}>
        {(aria) => (
          <input {...aria} name="confirmPassword" type="password" autoComplete="new-password" className={inputClass} />
        )}
      </Field>
      <SubmitButton pendingLabel="Creating…">Create owner account</SubmitButton>
    </ConsoleForm>
  );
}
