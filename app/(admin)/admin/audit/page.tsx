import type { Metadata } from "next";
import Link from "next/link";
import { listAuditFacets, listAuditLog, type AuditFilters } from "@/server/queries/admin-settings";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { AuditEntry } from "@/app/(admin)/admin/audit/_components/audit-entry";
import { AuditFilterForm, type AuditFilterValues } from "@/app/(admin)/admin/audit/_components/audit-filter-form";

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

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const search = await searchParams;
  const form: AuditFilterValues = {
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
      <AuditFilterForm values={form} facets={facets} />
      {entries.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No entries match.</p> : null}
      <ol className="space-y-3">
        {entries.map((entry) => (
          <AuditEntry key={entry.id} entry={entry} />
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
