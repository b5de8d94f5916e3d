import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicLink } from "@/components/public-link";
import { formatUptimeMonth, parseUptimeMonth, startOfUtcMonth } from "@/lib/uptime-months";
import { getPage } from "@/server/queries/public-status";
import { getComponentUptimeMonths } from "@/server/queries/uptime-months";
import { getLiveVersion } from "@/server/queries/live-version";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { Freshness } from "@/app/(public)/_components/freshness";
import { UptimeCalendar } from "@/app/(public)/_components/uptime-calendar";

export function componentUptimeHref(componentId: string, newest: Date | null, now: Date = new Date()): string {
  const base = `/components/${encodeURIComponent(componentId)}/uptime`;
  return newest && newest < startOfUtcMonth(now) ? `${base}/${formatUptimeMonth(newest)}` : base;
}

/** A month segment that is not YYYY-MM is no page at all. */
function readMonth(month: string | undefined): Date | null | undefined {
  if (month === undefined) return null;
  return parseUptimeMonth(month) ?? undefined;
}

export async function componentUptimeMetadata(componentId: string, month?: string): Promise<Metadata> {
  const [page, history] = await Promise.all([getPage(), getComponentUptimeMonths(componentId, null)]);
  const newest = readMonth(month);
  const name = history?.component.name;
  return pageMetadata(page, {
    title: name ? `${name} uptime` : "Component not found",
    description: name ? `Uptime of ${name}, month by month, with its incidents.` : null,
    path: componentUptimeHref(componentId, newest ?? null),
  });
}

/** One component's uptime history, three months a screen, like Statuspage's uptime page. */
export async function ComponentUptimePage({ componentId, month }: { componentId: string; month?: string }) {
  const newest = readMonth(month);
  if (newest === undefined) notFound();
  const liveVersion = await getLiveVersion();
  const now = new Date();
  const history = await getComponentUptimeMonths(componentId, newest, now);
  if (!history) notFound();
  const { component, months, older, newer } = history;
  return (
    <>
      <Freshness version={liveVersion} />
      <p className="text-sm">
        <PublicLink href="/" className="sp-link">
          Current status
        </PublicLink>
        <span aria-hidden="true"> / </span>
        <PublicLink href={`/history?component=${encodeURIComponent(component.id)}`} className="sp-link">
          Incident history of {component.name}
        </PublicLink>
      </p>
      <h1 className="mt-3 text-2xl font-semibold">{component.name} uptime</h1>
      {component.description && <p className="sp-muted mt-1">{component.description}</p>}
      <UptimeCalendar
        months={months}
        olderHref={older && componentUptimeHref(component.id, older, now)}
        newerHref={newer && componentUptimeHref(component.id, newer, now)}
      />
    </>
  );
}
