import type { Metadata } from "next";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { PageHeading } from "@/app/(admin)/admin/_components/page-heading";
import { listSubscribers } from "@/server/queries/subscribers";
import { roleAtLeast } from "@/lib/status";
import { PageLinks } from "@/app/(admin)/admin/subscribers/_components/page-links";
import { SubscriberSearch } from "@/app/(admin)/admin/subscribers/_components/subscriber-search";
import { SubscriberTable } from "@/app/(admin)/admin/subscribers/_components/subscriber-table";

export const metadata: Metadata = { title: "Subscribers" };

function one(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}

export default async function SubscribersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const params = await searchParams;
  const q = one(params.q).slice(0, 200);
  const pageNumber = Number.parseInt(one(params.page) || "1", 10);
  const result = await listSubscribers(actor, { search: q, page: Number.isFinite(pageNumber) ? pageNumber : 1 });
  const pageHref = (n: number) => `/admin/subscribers?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;

  return (
    <div className="space-y-6">
      <PageHeading
        title="Subscribers"
        action={
          <a
            href="/admin/subscribers/export.csv"
            download
            className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900"
          >
            Export CSV
          </a>
        }
      />
      <p className="text-sm text-zinc-700 dark:text-zinc-300" aria-live="polite">
        <strong>{result.active.email}</strong> active email {result.active.email === 1 ? "subscriber" : "subscribers"}{" "}
        and <strong>{result.active.webhook}</strong> active {result.active.webhook === 1 ? "webhook" : "webhooks"}.
      </p>
      <SubscriberSearch query={q} />
      {result.rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {q ? "No subscriber matches that search." : "Nobody has subscribed yet."}
        </p>
      ) : (
        <SubscriberTable rows={result.rows} caption={`Subscribers${q ? ` matching ${q}` : ""}`} />
      )}
      <PageLinks page={result.page} pageCount={result.pageCount} matching={result.matching} hrefOf={pageHref} />
    </div>
  );
}
