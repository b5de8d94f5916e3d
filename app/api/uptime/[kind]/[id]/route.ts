import { AppError } from "@/server/errors";
import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { findUptimeBar } from "@/server/queries/uptime-board";
import { encodeUptime, UPTIME_BAR_KINDS, type UptimeBarKind } from "@/lib/uptime";

type Params = { params: Promise<{ kind: string; id: string }> };

function isBarKind(value: string): value is UptimeBarKind {
  return (UPTIME_BAR_KINDS as readonly string[]).includes(value);
}

/** One uptime bar's day-by-day details, fetched when a reader explores the bar. */
export function GET(request: Request, { params }: Params) {
  return handlePublic(async () => {
    const { kind, id } = await params;
    const bar = isBarKind(kind) ? await findUptimeBar(kind, id) : null;
    if (!bar) throw new AppError("NOT_FOUND", "There is no uptime bar with that id.");
    return jsonResponse(request, {
      kind: bar.kind,
      id: bar.id,
      label: bar.label,
      uptimePercent: bar.uptimePercent,
      days: encodeUptime(bar.summary),
    });
  });
}

export const OPTIONS = preflightResponse;
