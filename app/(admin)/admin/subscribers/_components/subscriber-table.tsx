import Link from "next/link";
import { ColumnHeads } from "@/app/(admin)/admin/_components/column-heads";
import { RemoveSubscriberForm } from "@/app/(admin)/admin/subscribers/_components/remove-subscriber-form";
import { StateBadge } from "@/app/(admin)/admin/subscribers/_components/state-badge";
import { formatUtcDateTime } from "@/lib/format";
import type { SubscriberRowDto } from "@/server/queries/subscribers";

const cell = "px-3 py-2";

export function SubscriberTable({ rows, caption }: { rows: SubscriberRowDto[]; caption: string }) {
  return (
    <div className="relative overflow-x-auto rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <ColumnHeads
          className="border-b border-zinc-200 text-xs uppercase text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
          cellClassName={cell}
          columns={["Subscriber", "Status", "Receives", "Deliveries", "Since"]}
          actions
          actionsClassName={cell}
        />
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800">
              <td className={cell}>
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
              <td className={cell}>
                <StateBadge state={row.state} />
                {row.disabledReason ? (
                  <div className="mt-1 max-w-xs text-xs text-red-800 dark:text-red-300">{row.disabledReason}</div>
                ) : null}
              </td>
              <td className={cell}>{row.scope}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {row.deliveredCount} delivered{row.failingCount ? `, ${row.failingCount} failed` : ""}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{formatUtcDateTime(row.createdAt)}</td>
              <td className={`${cell} text-right`}>
                <RemoveSubscriberForm subscriberId={row.id} address={row.address} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
