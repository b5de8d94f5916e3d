import { PublicLink } from "@/components/public-link";
import { StatusIcon } from "@/components/status-icon";
import { PostedAt } from "@/components/posted-at";
import { IMPACT_TONE, TONE_BORDER, TONE_TEXT } from "@/components/status-tone";
import type { IncidentUpdateDto } from "@/lib/dto";
import { renderMarkdown } from "@/lib/markdown";
import { IMPACT_LABELS, updateLabel, type AnyImpact } from "@/lib/status";

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

export function Markdown({ source, className = "" }: { source: string; className?: string }) {
  return <div className={`prose-status ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}

/** Updates newest first, each labelled relative to the one before it ("Update" when the status did not change). */
export function UpdateList({
  updates,
  compact = false,
  limit,
  now,
}: {
  updates: IncidentUpdateDto[];
  compact?: boolean;
  limit?: number;
  now: Date;
}) {
  return (
    <ol className={compact ? "space-y-2" : "space-y-6"}>
      {updates.slice(0, limit ?? updates.length).map((update, index) => {
        const previous = updates[index + 1]?.status ?? null;
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
