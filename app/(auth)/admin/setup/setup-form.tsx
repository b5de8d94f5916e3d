"use client";

import { setUpOwnerAction } from "@/app/(auth)/admin/setup/actions";
import {
  Field,
  FormMessage,
  InputField,
  SubmitButton,
  fieldError,
  inputClass,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { StartChoice } from "@/app/(auth)/admin/setup/start-choice";

/** `offerDemo`: the page is blank, so the owner chooses the demo or an empty page; otherwise the page stays as it is. */
export function SetupForm({ offerDemo }: { offerDemo: boolean }) {
  const [state, action] = useConsoleAction(setUpOwnerAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-4">
      <FormMessage state={state} />
      <InputField id="name" label="Your name" name="name" autoComplete="name" />
      <InputField id="email" label="Email" name="email" type="email" autoComplete="username" />
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
      {offerDemo ? <StartChoice /> : <HiddenFields values={{ start: "empty" }} />}
      <SubmitButton pendingLabel="Creating…">Create owner account</SubmitButton>
    </ConsoleForm>
  );
}
