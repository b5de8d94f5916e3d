"use client";

import { Fragment, useEffect, useRef, useState, type ReactNode } from "react";

type SecretField = {
  id: string;
  label: ReactNode;
  /** What the Copy button names for a screen reader, e.g. "API key". */
  copyName: string;
  value: string;
  hideLabel?: boolean;
};

type CopyState = "idle" | "copied" | "selected";

const COPY_STATE_MS = 4_000;
// A browser that asks the user for clipboard access may never answer: select the text rather than wait.
const CLIPBOARD_WAIT_MS = 2_000;

function writeClipboard(value: string): Promise<void> {
  return Promise.race([
    navigator.clipboard.writeText(value),
    new Promise<never>((_, reject) => window.setTimeout(() => reject(new Error("no answer")), CLIPBOARD_WAIT_MS)),
  ]);
}

/** Copies through the clipboard API; where that is refused (plain http, an old browser) it selects the text instead. */
function CopyButton({ target, value, name }: { target: string; value: string; name: string }) {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const show = (next: CopyState) => {
    setState(next);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState("idle"), COPY_STATE_MS);
  };
  const copy = async () => {
    try {
      await writeClipboard(value);
      show("copied");
    } catch {
      const field = document.getElementById(target);
      if (field instanceof HTMLTextAreaElement) {
        field.focus();
        field.select();
      }
      show("selected");
    }
  };
  return (
    <span className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={copy}
        // The name stays put while the text says "Copied", so the button is still found by what it does.
        aria-label={`Copy ${name}`}
        className="inline-flex min-h-9 items-center rounded-md border border-green-700 bg-white px-3 py-1.5 text-sm font-medium text-green-900 hover:bg-green-100 focus-visible:ring-2 focus-visible:ring-green-700 dark:border-green-600 dark:bg-green-900 dark:text-green-50 dark:hover:bg-green-800"
      >
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      <span aria-live="polite" className="text-xs">
        {state === "copied"
          ? "Copied to the clipboard."
          : state === "selected"
            ? "Selected: press Ctrl+C (⌘C) to copy."
            : ""}
      </span>
    </span>
  );
}

/**
 * What a create action hands back only once (a key, a token): shown whole, wrapping in a monospace block rather
 * than cut off by a field's width, each with a Copy button.
 */
export function SecretShownOnce({ message, fields }: { message: ReactNode; fields: SecretField[] }) {
  return (
    <div
      role="status"
      className="space-y-2 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
    >
      <p className="font-medium">{message}</p>
      {fields.map((field) => (
        <Fragment key={field.id}>
          <label htmlFor={field.id} className={field.hideLabel ? "sr-only" : "block"}>
            {field.label}
          </label>
          <textarea
            id={field.id}
            readOnly
            value={field.value}
            rows={Math.max(1, Math.ceil(field.value.length / 60))}
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full resize-none break-all rounded-md border border-green-300 bg-white px-3 py-2 font-mono text-sm whitespace-pre-wrap text-zinc-900 [field-sizing:content] focus-visible:ring-2 focus-visible:ring-green-700 dark:border-green-800 dark:bg-zinc-900 dark:text-zinc-100"
          />
          <CopyButton target={field.id} value={field.value} name={field.copyName} />
        </Fragment>
      ))}
    </div>
  );
}
