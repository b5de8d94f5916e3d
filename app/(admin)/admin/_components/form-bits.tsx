"use client";

import { useFormStatus } from "react-dom";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { focusField } from "@/app/(admin)/admin/_components/console-form";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

export const inputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base text-zinc-900 shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 sm:text-sm dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

export function fieldError(state: ActionState, name: string): string | undefined {
  return state?.fieldErrors?.[name]?.join(" ");
}

export function valueOf(state: ActionState, name: string, fallback = ""): string {
  return state && !state.ok && state.values && name in state.values ? state.values[name] : fallback;
}

/** A labelled field whose error sits next to it and is announced through aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (aria: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      {props.children({
        id: props.id,
        "aria-invalid": props.error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {props.hint ? (
        <p id={hintId} className="text-xs text-zinc-600 dark:text-zinc-400">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** What every bound control takes: its field's label and hint, and the action state it reads its error and value from. */
type Bound = { state: ActionState; id: string; name: string; label: string; hint?: string; fallback?: string };
type Unbound<T> = Omit<T, keyof Bound | "defaultValue" | "className" | "children">;

/**
 * An input in a `Field`, named `name`: it shows the action's error for that name and, after a refused submit, what
 * was sent instead of `fallback`, so nothing typed is lost.
 */
export function InputField({
  state,
  id,
  name,
  label,
  hint,
  fallback,
  ...input
}: Bound & Unbound<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Field id={id} label={label} hint={hint} error={fieldError(state, name)}>
      {(aria) => (
        <input {...aria} {...input} name={name} defaultValue={valueOf(state, name, fallback)} className={inputClass} />
      )}
    </Field>
  );
}

/** `InputField` for longer text. */
export function TextAreaField({
  state,
  id,
  name,
  label,
  hint,
  fallback,
  ...textarea
}: Bound & Unbound<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Field id={id} label={label} hint={hint} error={fieldError(state, name)}>
      {(aria) => (
        <textarea
          {...aria}
          {...textarea}
          name={name}
          defaultValue={valueOf(state, name, fallback)}
          className={inputClass}
        />
      )}
    </Field>
  );
}

/** `InputField` for a choice among `children` (its options). */
export function SelectField({
  state,
  id,
  name,
  label,
  hint,
  fallback,
  children,
  ...select
}: Bound & Unbound<SelectHTMLAttributes<HTMLSelectElement>> & { children: ReactNode }) {
  return (
    <Field id={id} label={label} hint={hint} error={fieldError(state, name)}>
      {(aria) => (
        <select {...aria} {...select} name={name} defaultValue={valueOf(state, name, fallback)} className={inputClass}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A checkbox named `name` that keeps what was sent after a refused submit (a form sends "on" only when it is checked). */
export function CheckboxField({
  state,
  name,
  fallback,
  children,
}: {
  state: ActionState;
  name: string;
  fallback: boolean;
  children: ReactNode;
}) {
  const checked = state && !state.ok && state.values ? state.values[name] === "on" : fallback;
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="h-4 w-4" />
      {children}
    </label>
  );
}

/** Whether this change is emailed and posted to subscribers; on unless `fallback` says otherwise. */
export function NotifyCheckbox({ state, fallback = true }: { state: ActionState; fallback?: boolean }) {
  return (
    <CheckboxField state={state} name="deliverNotifications" fallback={fallback}>
      Notify subscribers
    </CheckboxField>
  );
}

export function SubmitButton(props: {
  children: ReactNode;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "resolve";
  confirm?: string;
  name?: string;
  value?: string;
  accessibleName?: string;
}) {
  const { pending } = useFormStatus();
  const variant = props.variant ?? "primary";
  const classes = {
    primary: "bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500",
    secondary:
      "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
    danger: "bg-red-700 text-white hover:bg-red-800",
    resolve: "bg-green-700 text-white hover:bg-green-800 dark:bg-green-700 dark:hover:bg-green-600",
  }[variant];
  return (
    <button
      type="submit"
      name={props.name}
      value={props.value}
      disabled={pending}
      aria-disabled={pending}
      aria-label={props.accessibleName}
      onClick={(event) => {
        if (props.confirm && !window.confirm(props.confirm)) event.preventDefault();
      }}
      className={`inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:opacity-60 ${classes}`}
    >
      {pending ? (props.pendingLabel ?? "Saving…") : props.children}
    </button>
  );
}

/**
 * A refused submit's message, announced, with one link per field error that moves focus to that field.
 * Successes are announced by the console's live region instead (see `useConsoleAction`).
 */
export function FormMessage({ state }: { state: ActionState }) {
  if (!state || state.ok) return null;
  const fieldErrors = Object.entries(state.fieldErrors ?? {}).filter(([, messages]) => messages.length > 0);
  return (
    <div
      role="alert"
      tabIndex={-1}
      data-form-error
      className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:bg-red-950 dark:text-red-200"
    >
      <p>{state.formError}</p>
      {fieldErrors.length ? (
        <ul className="list-disc pl-5">
          {fieldErrors.map(([name, messages]) => (
            <li key={name}>
              <a
                href={`#${name}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(event.currentTarget.closest("form"), name);
                }}
                className="underline underline-offset-2"
              >
                {messages.join(" ")}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
