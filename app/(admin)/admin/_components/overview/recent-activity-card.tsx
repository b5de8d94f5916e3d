import Link from "next/link";
import { Card } from "@/app/(admin)/admin/_components/card";
import { linkClass, mutedClass, noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { SeeAllLink } from "@/app/(admin)/admin/_components/overview/see-all-link";
import { describeAuditAction } from "@/lib/audit-actions";
import { formatRelative, formatUtcDateTime } from "@/lib/format";
import type { ConsoleOverview } from "@/server/queries/console-overview";

/** The latest audit entries, newest first. */
export function RecentActivityCard({ overview, isOwner }: { overview: ConsoleOverview; isOwner: boolean }) {
  return (
    <Card
      id="activity-heading"
      title="Recent activity"
      action={isOwner ? <SeeAllLink href="/admin/audit">Audit log</SeeAllLink> : null}
    >
      {overview.activity.length === 0 ? (
        <p className={mutedClass}>Nothing has happened yet.</p>
      ) : (
        <ol className="space-y-3">
          {overview.activity.map((entry) => (
            <li key={entry.id} className="text-sm">
              <p>
                <span className="font-medium">{describeAuditAction(entry.action)}</span>
                {": "}
                {entry.entity.href ? (
                  <Link href={entry.entity.href} className={`${linkClass} break-words`}>
                    {entry.entity.label}
                  </Link>
                ) : (
                  <span className="break-words">{entry.entity.label}</span>
                )}
              </p>
              <p className={noteClass}>
                {entry.actorLabel} ·{" "}
                <time dateTime={entry.at.toISOString()} title={formatUtcDateTime(entry.at)}>
                  {formatRelative(entry.at, overview.generatedAt)}
                </time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
