"use client";

import { useActionState } from "react";
import { setUpOwnerAction } from "@/app/(auth)/admin/setup/actions";
import { Field, FormMessage, SubmitButton, fieldError, inputClass, valueOf } from "@/app/(admin)/admin/_components/form-bits";

export function SetupForm() {
  const [state, action] = useActionState(setUpOwnerAction, null);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <Field id="name" label="Your name" error={fieldError(state, "name")}>
        {(aria) => <input {...aria} name="name" autoComplete="name" defaultValue={valueOf(state, "name")} className={inputClass} />}
      </Field>
      <Field id="email" label="Email" error={fieldError(state, "email")}>
        {(aria) => <input {...aria} name="email" type="email" autoComplete="username" defaultValue={valueOf(state, "email")} className={inputClass} />}
      </Field>
      <Field id="password" label="Password" hint="At least 12 characters." error={fieldError(state, "password")}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field id="confirmPassword" label="Confirm password" error={fieldError(state, "confirmPassword")}>
        {(aria) => <input {...aria} name="confirmPassword" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <SubmitButton pendingLabel="Creating…">Create owner account</SubmitButton>
    </form>
  );
}
