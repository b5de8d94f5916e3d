import Link from "next/link";
import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { JsonBlock } from "@/app/(admin)/admin/audit/_components/json-block";
import { formatUtcDateTime } from "@/lib/format";
import type { listAuditLog } from "@/server/queries/admin-settings";

type Entry = Awaited<ReturnType<typeof listAuditLog>>["entries"][number];

/** Who did what to which record, and when; the record's before and after on demand. */
export function AuditEntry({ entry }: { entry: Entry }) {
  return (
    <li className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
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
        <Disclosure summary="Before and after" className="mt-2" contentClassName="mt-2 grid gap-2 md:grid-cols-2">
          <div>
            <p className="text-xs font-semibold">Before</p>
            <JsonBlock value={entry.before} />
          </div>
          <div>
            <p className="text-xs font-semibold">After</p>
            <JsonBlock value={entry.after} />
          </div>
        </Disclosure>
      ) : null}
    </li>
  );
}
