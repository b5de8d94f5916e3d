import { PublicLink } from "@/components/public-link";
import { StatusIcon } from "@/components/status-icon";
import { PostedAt } from "@/components/posted-at";
import { IMPACT_TONE, TONE_BORDER, TONE_TEXT } from "@/components/status-tone";
import type { IncidentUpdateDto } from "@/lib/dto";
import { describePublicStatus } from "@/lib/format";
import { renderMarkdown } from "@/lib/markdown";
import { IMPACT_LABELS, updateLabel, type AnyImpact, type AnyIncidentStatus } from "@/lib/status";

export function ImpactBadge({ impact }: { impact: AnyImpact }) {
  const tone = IMPACT_TONE[impact];
  return (
    <span className={`sp-status ${TONE_TEXT[tone]}`}>
      <StatusIcon tone={tone} />
      {impact === "maintenance" ? "Maintenance" : `${IMPACT_LABELS[impact]} impact`}
    </span>
  );
}

export function impactBorder(impact: AnyImpact): string {
  return TONE_BORDER[IMPACT_TONE[impact]];
}

export function IncidentLink({ id, name, className = "" }: { id: string; name: string; className?: string }) {
  return (
    <PublicLink href={`/incidents/${id}`} className={className ? `sp-title-link ${className}` : "sp-title-link"}>
      {name}
    </PublicLink>
  );
}

/** "Investigating", or "Resolved · postmortem published" linking to the incident page's postmortem. */
export function PublicStatus({ incidentId, status }: { incidentId: string; status: AnyIncidentStatus }) {
  const { label, postmortemPublished } = describePublicStatus(status);
  if (!postmortemPublished) return <>{label}</>;
  return (
    <>
      {label} ·{" "}
      <PublicLink href={`/incidents/${incidentId}#postmortem`} className="sp-link">
        postmortem published
      </PublicLink>
    </>
  );
}

export function Markdown({ source, className = "" }: { source: string; className?: string }) {
  return <div className={`prose-status ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}

/** Updates newest first, each labelled relative to the one before it ("Update" when the status did not change). */
export function UpdateList({
  updates,
  compact = false,
  start = 0,
  limit,
  now,
}: {
  updates: IncidentUpdateDto[];
  compact?: boolean;
  /** Where the list begins in `updates`; earlier items still label the first shown one. */
  start?: number;
  limit?: number;
  now: Date;
}) {
  const end = limit === undefined ? updates.length : start + limit;
  return (
    <ol className={compact ? "space-y-2" : "space-y-6"}>
      {updates.slice(start, end).map((update, index) => {
        const previous = updates[start + index + 1]?.status ?? null;
        return (
          <li key={update.id} className={compact ? undefined : "grid gap-1 sm:grid-cols-[9rem_1fr] sm:gap-4"}>
            <p className={compact ? "inline font-semibold" : "font-semibold"}>
              {updateLabel(update.status, previous)}
              {compact && " - "}
            </p>
            <div className={compact ? "inline" : undefined}>
              {compact ? (
                <Markdown source={update.body} className="inline [&>p]:inline [&>p]:my-0" />
              ) : (
                <Markdown source={update.body} />
              )}
              <p className="sp-muted mt-1">
                <PostedAt date={update.displayAt} now={now} />
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
