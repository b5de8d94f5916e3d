"use client";

import { DescriptionTip } from "@/app/(public)/_components/description-tip";
import type { CSSProperties } from "react";
import { PublicLink } from "@/components/public-link";
import { StatusIcon } from "@/components/status-icon";
import { COMPONENT_TONE, TONE_TEXT } from "@/components/status-tone";
import { UptimeBar, type UptimeBarRef } from "@/components/uptime-bar";
import { COMPONENT_STATUS_LABELS, worstComponentStatus, type ComponentStatus } from "@/lib/status";
import { UPTIME_NARROW_DAYS, UPTIME_WINDOW_DAYS } from "@/lib/uptime";

// A client component only so that its props (compact data) rather than its markup travel in the page's RSC payload.
export type ComponentItem = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  showcase: boolean;
  bar: UptimeBarRef;
};
export type GroupItem = { id: string; name: string; components: ComponentItem[]; bar: UptimeBarRef };
/** The image every bar draws its row from. */
export type UptimeImage = { version: string; rows: number };

function StatusText({ status }: { status: ComponentStatus }) {
  const tone = COMPONENT_TONE[status];
  return (
    <span className={`sp-status ${TONE_TEXT[tone]}`}>
      <StatusIcon tone={tone} />
      {COMPONENT_STATUS_LABELS[status]}
    </span>
  );
}

const uptimeText = (uptime: string | null) => (uptime === null ? "No data yet" : `${uptime} % uptime`);

/** Text that differs between the full window and the narrow screen's shorter one; CSS shows the one that applies. */
function PerWindow({ wide, narrow }: { wide: string; narrow: string }) {
  if (wide === narrow) return <>{wide}</>;
  return (
    <>
      <span className="sp-wide">{wide}</span>
      <span className="sp-narrow">{narrow}</span>
    </>
  );
}

function UptimeLegend({ bar }: { bar: UptimeBarRef }) {
  return (
    <p className="sp-legend">
      <span>
        <PerWindow wide={`${UPTIME_WINDOW_DAYS} days ago`} narrow={`${UPTIME_NARROW_DAYS} days ago`} />
      </span>
      <span>
        <PerWindow wide={uptimeText(bar.uptime)} narrow={uptimeText(bar.narrow.uptime)} />
      </span>
      <span>Today</span>
    </p>
  );
}

function ComponentRow({ item: component, version }: { item: ComponentItem; version: string }) {
  return (
    <li className="py-3">
      <div className="sp-row">
        <span className="flex items-center gap-2">
          <PublicLink href={`/components/${component.id}/uptime`} className="font-medium hover:underline">
            {component.name}
          </PublicLink>
          {component.description && (
            <DescriptionTip id={`description-${component.id}`} name={component.name} text={component.description} />
          )}
        </span>
        <StatusText status={component.status} />
      </div>
      {component.showcase && (
        <div className="mt-2">
          <UptimeBar bar={component.bar} version={version} />
          <UptimeLegend bar={component.bar} />
        </div>
      )}
    </li>
  );
}

export function ComponentList({
  groups,
  ungrouped,
  image,
}: {
  groups: GroupItem[];
  ungrouped: ComponentItem[];
  image: UptimeImage;
}) {
  if (groups.length === 0 && ungrouped.length === 0) return null;
  const { version } = image;
  const imageStyle = {
    "--sp-image": `url("/uptime.svg?v=${encodeURIComponent(version)}")`,
    "--sp-rows": image.rows,
    "--sp-days": UPTIME_WINDOW_DAYS,
    "--sp-narrow-days": UPTIME_NARROW_DAYS,
  } as CSSProperties;
  return (
    <section aria-labelledby="components-heading" className="mt-8" style={imageStyle}>
      <h2 id="components-heading" className="mb-3 text-lg font-semibold">
        Components
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Uptime over the last <PerWindow wide={`${UPTIME_WINDOW_DAYS} days`} narrow={`${UPTIME_NARROW_DAYS} days`} />.
        Hover or focus a day, then use the arrow keys, to see its details.
      </p>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 px-4 dark:divide-zinc-800 dark:border-zinc-800">
        {groups.map((group) => {
          const { components, bar } = group;
          const worst = worstComponentStatus(components.map((c) => c.status));
          return (
            <li key={group.id} className="py-1">
              <details open={worst !== "operational"} className="group/details">
                <summary className="flex cursor-pointer list-none flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded py-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 [&::-webkit-details-marker]:hidden">
                  <span className="flex items-center gap-2">
                    <svg
                      viewBox="0 0 20 20"
                      aria-hidden="true"
                      className="h-4 w-4 transition-transform group-open/details:rotate-90"
                    >
                      <path
                        d="M7 5l6 5-6 5"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="2"
                        strokeLinecap="round"
                        strokeLinejoin="round"
                      />
                    </svg>
                    <h3 className="font-semibold">{group.name}</h3>
                    <span className="text-sm text-zinc-600 dark:text-zinc-400">
                      ({components.length} component{components.length === 1 ? "" : "s"}
                      {bar.uptime !== null && (
                        <PerWindow
                          wide={`, ${bar.uptime} % uptime`}
                          narrow={bar.narrow.uptime === null ? "" : `, ${bar.narrow.uptime} % uptime`}
                        />
                      )}
                      )
                    </span>
                  </span>
                  <StatusText status={worst} />
                </summary>
                <div className="pb-2 pl-6">
                  {components.some((c) => c.showcase) && (
                    <div className="mt-1">
                      <UptimeBar bar={bar} version={version} />
                      <UptimeLegend bar={bar} />
                    </div>
                  )}
                  <ul className="divide-y divide-zinc-100 dark:divide-zinc-800/60">
                    {components.map((item) => (
                      <ComponentRow key={item.id} item={item} version={version} />
                    ))}
                  </ul>
                </div>
              </details>
            </li>
          );
        })}
        {ungrouped.map((item) => (
          <ComponentRow key={item.id} item={item} version={version} />
        ))}
      </ul>
    </section>
  );
}
