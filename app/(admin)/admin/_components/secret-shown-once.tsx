"use client";

import { inputClass } from "@/app/(admin)/admin/_components/form-bits";
import { Fragment, type ReactNode } from "react";

type SecretField = { id: string; label: ReactNode; value: string; hideLabel?: boolean };

/** What a create action hands back only once (a key, a token): read-only fields that select themselves to copy. */
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
          <input
            id={field.id}
            readOnly
            value={field.value}
            onFocus={(e) => e.currentTarget.select()}
            className={`${inputClass} font-mono`}
          />
        </Fragment>
      ))}
    </div>
  );
}
