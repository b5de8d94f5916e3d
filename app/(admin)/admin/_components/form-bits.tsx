"use client";

import { useFormStatus } from "react-dom";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { focusField, useConsoleFormState } from "@/app/(admin)/admin/_components/console-form";
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

/** What every bound control takes: its field's label and hint, the name it sends, and the value it starts from. */
type Bound = { id: string; name: string; label: string; hint?: string; fallback?: string; className?: string };
type Unbound<T> = Omit<T, keyof Bound | "defaultValue" | "children">;

/**
 * Splits a bound control's props into its `Field`'s and its own. The error for `name` comes from the enclosing form's
 * state and, after a refused submit, so does the value, in place of `fallback`, so nothing typed is lost.
 */
function useBound<P extends Bound>({ id, name, label, hint, fallback, className, ...control }: P) {
  const state = useConsoleFormState();
  return {
    field: { id, label, hint, error: fieldError(state, name) },
    control: {
      ...control,
      name,
      defaultValue: valueOf(state, name, fallback),
      className: className ? `${inputClass} ${className}` : inputClass,
    },
  };
}

/** An input in a `Field`, bound to the console form it sits in; `className` adds to `inputClass`. */
export function InputField(props: Bound & Unbound<InputHTMLAttributes<HTMLInputElement>>) {
  const { field, control } = useBound(props);
  return <Field {...field}>{(aria) => <input {...aria} {...control} />}</Field>;
}

/** `InputField` for longer text. */
export function TextAreaField(props: Bound & Unbound<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { field, control } = useBound(props);
  return <Field {...field}>{(aria) => <textarea {...aria} {...control} />}</Field>;
}

/** `InputField` for a choice among `children` (its options). */
export function SelectField(props: Bound & Unbound<SelectHTMLAttributes<HTMLSelectElement>> & { children: ReactNode }) {
  const { field, control } = useBound(props);
  return <Field {...field}>{(aria) => <select {...aria} {...control} />}</Field>;
}

/** A checkbox named `name` that keeps what was sent after a refused submit (a form sends "on" only when it is checked). */
export function CheckboxField({ name, fallback, children }: { name: string; fallback: boolean; children: ReactNode }) {
  const state = useConsoleFormState();
  const checked = state && !state.ok && state.values ? state.values[name] === "on" : fallback;
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="h-4 w-4" />
      {children}
    </label>
  );
}

/** Whether this change is emailed and posted to subscribers; on unless `fallback` says otherwise. */
export function NotifyCheckbox({ fallback = true }: { fallback?: boolean }) {
  return (
    <CheckboxField name="deliverNotifications" fallback={fallback}>
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
    // Outlined, never filled: a destructive button must not be the most prominent control beside a primary one.
    danger:
      "border border-red-300 bg-white text-red-800 hover:bg-red-50 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950",
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
