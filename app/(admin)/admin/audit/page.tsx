import type { Metadata } from "next";
import Link from "next/link";
import { listAuditFacets, listAuditLog, type AuditFilters } from "@/server/queries/admin-settings";
import { formatUtcDateTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

function one(search: Search, key: string): string {
  const value = search[key];
  return typeof value === "string" ? value.slice(0, 200) : "";
}

function parseDay(value: string, plusDays = 0): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? undefined : new Date(date.getTime() + plusDays * 86_400_000);
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  return (
    <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-800">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const selectClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const search = await searchParams;
  const form = {
    action: one(search, "action"),
    entityType: one(search, "entityType"),
    actor: one(search, "actor"),
    entityId: one(search, "entityId"),
    from: one(search, "from"),
    to: one(search, "to"),
  };
  const before = /^\d{1,19}$/.test(one(search, "before")) ? BigInt(one(search, "before")) : undefined;
  const filters: AuditFilters = {
    action: form.action || undefined,
    entityType: form.entityType || undefined,
    actor: form.actor || undefined,
    entityId: form.entityId || undefined,
    from: parseDay(form.from),
    to: parseDay(form.to, 1),
    before,
  };
  const [{ entries, nextBefore }, facets] = await Promise.all([
    listAuditLog({ ctx: { actor }, filters }),
    listAuditFacets({ ctx: { actor } }),
  ]);
  const nextParams = new URLSearchParams(Object.entries(form).filter(([, v]) => v));
  if (nextBefore) nextParams.set("before", nextBefore);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <form
        method="get"
        action="/admin/audit"
        className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div>
          <label htmlFor="f-action" className="block text-xs font-medium">
            Action
          </label>
          <select id="f-action" name="action" defaultValue={form.action} className={selectClass}>
            <option value="">Any</option>
            {facets.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-type" className="block text-xs font-medium">
            Entity type
          </label>
          <select id="f-type" name="entityType" defaultValue={form.entityType} className={selectClass}>
            <option value="">Any</option>
            {facets.entityTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-actor" className="block text-xs font-medium">
            Who
          </label>
          <input
            id="f-actor"
            name="actor"
            defaultValue={form.actor}
            placeholder="email or “scheduler”"
            className={selectClass}
          />
        </div>
        <div>
          <label htmlFor="f-entity" className="block text-xs font-medium">
            Entity id
          </label>
          <input id="f-entity" name="entityId" defaultValue={form.entityId} className={selectClass} />
        </div>
        <div>
          <label htmlFor="f-from" className="block text-xs font-medium">
            From (UTC day)
          </label>
          <input id="f-from" name="from" type="date" defaultValue={form.from} className={selectClass} />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-xs font-medium">
            To (UTC day)
          </label>
          <input id="f-to" name="to" type="date" defaultValue={form.to} className={selectClass} />
        </div>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
          <button
            type="submit"
            className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            Filter
          </button>
          <Link
            href="/admin/audit"
            className="rounded-md border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700"
          >
            Clear
          </Link>
        </div>
      </form>
      {entries.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No entries match.</p> : null}
      <ol className="space-y-3">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <p className="text-sm">
              <time dateTime={entry.createdAt.toISOString()} className="text-zinc-600 dark:text-zinc-400">
                {formatUtcDateTime(entry.createdAt)}
              </time>{" "}
              · <strong>{entry.actorLabel}</strong> ·{" "}
              <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{entry.action}</code> ·{" "}
              {entry.entityType.replace(/[_-]/g, " ")}{" "}
              {entry.entity.href ? (
                <Link
                  href={entry.entity.href}
                  className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
                >
                  {entry.entity.label}
                </Link>
              ) : (
                <span className="font-medium">{entry.entity.label}</span>
              )}
              {entry.entityId ? (
                <>
                  {" "}
                  <code className="text-xs text-zinc-600 dark:text-zinc-400">{entry.entityId}</code>
                </>
              ) : null}
            </p>
            {entry.before !== null || entry.after !== null ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-300">Before and after</summary>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <div>
                    <p className="text-xs font-semibold">Before</p>
                    <Json value={entry.before} />
                  </div>
                  <div>
                    <p className="text-xs font-semibold">After</p>
                    <Json value={entry.after} />
                  </div>
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {nextBefore ? (
        <Link
          href={`/admin/audit?${nextParams.toString()}`}
          className="inline-block rounded-md border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700"
        >
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
