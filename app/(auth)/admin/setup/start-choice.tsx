"use client";

import { fieldError, valueOf } from "@/app/(admin)/admin/_components/form-bits";
import { useConsoleFormState } from "@/app/(admin)/admin/_components/console-form";

const CHOICES = [
  {
    value: "demo",
    label: "Start with the demo to explore",
    hint: "A fictional company's components, incidents and history, live on the public page until you remove them (one click on the overview).",
  },
  {
    value: "empty",
    label: "Start empty (your own page)",
    hint: "Nothing public yet: name the page and add your components; the overview shows the steps.",
  },
] as const;

/** The first-run choice between the demo and an empty page. */
export function StartChoice() {
  const state = useConsoleFormState();
  const error = fieldError(state, "start");
  const chosen = valueOf(state, "start");
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "start-error" : undefined}>
      <legend className="mb-1 text-sm font-medium">How do you want to start?</legend>
      {CHOICES.map((choice) => (
        <label
          key={choice.value}
          className="flex gap-3 rounded-md border border-zinc-300 p-3 text-sm has-[:checked]:border-blue-600 dark:border-zinc-700"
        >
          <input
            type="radio"
            name="start"
            value={choice.value}
            required
            defaultChecked={chosen === choice.value}
            aria-labelledby={`start-${choice.value}-label`}
            aria-describedby={`start-${choice.value}-hint`}
            className="mt-1 h-4 w-4"
          />
          <span>
            <span id={`start-${choice.value}-label`} className="block font-medium">
              {choice.label}
            </span>
            <span id={`start-${choice.value}-hint`} className="block text-zinc-600 dark:text-zinc-400">
              {choice.hint}
            </span>
          </span>
        </label>
      ))}
      {error ? (
        <p id="start-error" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
