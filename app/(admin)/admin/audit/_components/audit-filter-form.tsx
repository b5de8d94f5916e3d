import Link from "next/link";
import type { InputHTMLAttributes } from "react";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";

export type AuditFilterValues = Record<"action" | "entityType" | "actor" | "entityId" | "from" | "to", string>;

const controlClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A labelled filter: a choice among `options` (or any), or else a text or date input. */
function Filter({
  id,
  label,
  name,
  value,
  options,
  ...input
}: { id: string; label: string; name: keyof AuditFilterValues; value: string; options?: string[] } & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "placeholder"
>) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium">
        {label}
      </label>
      {options ? (
        <select id={id} name={name} defaultValue={value} className={controlClass}>
          <option value="">Any</option>
          <EnumOptions values={options} />
        </select>
      ) : (
        <input {...input} id={id} name={name} defaultValue={value} className={controlClass} />
      )}
    </div>
  );
}

/** The audit log's filters, sent as a GET so a filtered view can be bookmarked and shared. */
export function AuditFilterForm({
  values,
  facets,
}: {
  values: AuditFilterValues;
  facets: { actions: string[]; entityTypes: string[] };
}) {
  return (
    <form
      method="get"
      action="/admin/audit"
      className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <Filter id="f-action" label="Action" name="action" value={values.action} options={facets.actions} />
      <Filter
        id="f-type"
        label="Entity type"
        name="entityType"
        value={values.entityType}
        options={facets.entityTypes}
      />
      <Filter id="f-actor" label="Who" name="actor" value={values.actor} placeholder="email or “scheduler”" />
      <Filter id="f-entity" label="Entity id" name="entityId" value={values.entityId} />
      <Filter id="f-from" label="From (UTC day)" name="from" value={values.from} type="date" />
      <Filter id="f-to" label="To (UTC day)" name="to" value={values.to} type="date" />
      <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
        >
          Filter
        </button>
        <Link href="/admin/audit" className="rounded-md border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">
          Clear
        </Link>
      </div>
    </form>
  );
}
