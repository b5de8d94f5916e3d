"use client";

import { useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";

export type PickerGroup = { id: string; name: string; components: { id: string; name: string }[] };

export const subscribeInputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base text-zinc-900 shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 sm:text-sm dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {messages.join(" ")}
    </p>
  );
}

/** "All components" or a grouped list of checkboxes, submitted as `scope` and `componentIds`. */
export function SubscribeComponentPicker(props: {
  groups: PickerGroup[];
  allComponents: boolean;
  selected: string[];
  error?: string[];
}) {
  const [scope, setScope] = useState(props.allComponents ? "all" : "some");
  const errorId = "componentIds-error";
  return (
    <fieldset className="space-y-3" aria-describedby={props.error?.length ? errorId : undefined}>
      <legend className="text-sm font-medium">Which components?</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="inline-flex items-center gap-2">
          <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
          All components
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="radio" name="scope" value="some" checked={scope === "some"} onChange={() => setScope("some")} />
          Only the components I choose
        </label>
      </div>
      {scope === "some" ? (
        <div className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          {props.groups.map((group) => (
            <div key={group.id}>
              {group.name ? <p className="mb-1 text-sm font-semibold">{group.name}</p> : null}
              <ul className="grid gap-1 sm:grid-cols-2">
                {group.components.map((component) => (
                  <li key={component.id}>
                    <label className="inline-flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        name="componentIds"
                        value={component.id}
                        defaultChecked={props.selected.includes(component.id)}
                      />
                      {component.name}
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
      <FieldError id={errorId} messages={props.error} />
    </fieldset>
  );
}

export function SubscribeSubmit({
  children,
  pendingLabel,
  variant = "primary",
}: {
  children: ReactNode;
  pendingLabel: string;
  variant?: "primary" | "danger" | "secondary";
}) {
  const { pending } = useFormStatus();
  const classes = {
    primary: "bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary:
      "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      className={`inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:opacity-60 ${classes}`}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}

export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {message}
    </p>
  );
}
