import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { inputClass } from "@/app/(admin)/admin/_components/form-bits";
import { listSubscribers } from "@/server/queries/subscribers";
import { roleAtLeast } from "@/lib/status";
import { formatUtcDateTime } from "@/lib/format";
import { RemoveSubscriberForm } from "@/app/(admin)/admin/subscribers/_components/subscriber-forms";
import { StateBadge } from "@/app/(admin)/admin/subscribers/_components/state-badge";

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
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Subscribers</h1>
        <a
          href="/admin/subscribers/export.csv"
          download
          className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900"
        >
          Export CSV
        </a>
      </div>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" aria-live="polite">
        <strong>{result.active.email}</strong> active email {result.active.email === 1 ? "subscriber" : "subscribers"}{" "}
        and <strong>{result.active.webhook}</strong> active {result.active.webhook === 1 ? "webhook" : "webhooks"}.
      </p>
      <form action="/admin/subscribers" role="search" className="flex max-w-lg gap-2">
        <label htmlFor="subscriber-search" className="sr-only">
          Search subscribers
        </label>
        <input
          id="subscriber-search"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Email address or URL"
          className={inputClass}
        />
        <button
          type="submit"
          className="inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
        >
          Search
        </button>
      </form>
      {result.rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {q ? "No subscriber matches that search." : "Nobody has subscribed yet."}
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Subscribers{q ? ` matching ${q}` : ""}</caption>
            <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Subscriber
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  Receives
                </th>
                <th scope="col" className="px-3 py-2">
                  Deliveries
                </th>
                <th scope="col" className="px-3 py-2">
                  Since
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.id} className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800">
                  <td className="px-3 py-2">
                    <Link
                      href={`/admin/subscribers/${row.id}`}
                      className="break-all font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
                    >
                      {row.address}
                    </Link>
                    <div className="text-xs text-zinc-600 dark:text-zinc-400">
                      {row.kind === "email" ? "Email" : "Webhook"}
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    <StateBadge state={row.state} />
                    {row.disabledReason ? (
                      <div className="mt-1 max-w-xs text-xs text-red-800 dark:text-red-300">{row.disabledReason}</div>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{row.scope}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {row.deliveredCount} delivered{row.failingCount ? `, ${row.failingCount} failed` : ""}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatUtcDateTime(row.createdAt)}</td>
                  <td className="px-3 py-2 text-right">
                    <RemoveSubscriberForm subscriberId={row.id} address={row.address} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {result.page > 1 ? (
            <Link href={pageHref(result.page - 1)} className="underline">
              Previous
            </Link>
          ) : null}
          <span>
            Page {result.page} of {result.pageCount} ({result.matching} subscribers)
          </span>
          {result.page < result.pageCount ? (
            <Link href={pageHref(result.page + 1)} className="underline">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
