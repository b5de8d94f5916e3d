// One format-neutral model of the history feed; rss.ts, atom.ts and json-feed.ts only render it.
import { INCIDENT_STATUS_LABELS, updateLabel } from "@/lib/status";
import { formatUtcDateTime, joinNames } from "@/lib/format";
import { pageLabel, pageTitle } from "@/lib/page-title";
import { renderMarkdown } from "@/lib/markdown";
import { escapeHtml } from "@/lib/escape-html";
import type { IncidentDto, PostmortemDto } from "@/lib/dto";
import { stripIllegalXmlChars } from "@/server/feeds/xml";
import { stripBidiControls } from "@/lib/unsafe-text";

export type FeedFormat = "rss" | "atom" | "json";

export const FEED_EXTENSIONS: Record<FeedFormat, string> = {
  rss: "history.rss",
  atom: "history.atom",
  json: "history.json",
};

export type FeedItem = {
  id: string;
  url: string;
  title: string;
  published: Date;
  updated: Date;
  contentHtml: string;
  isMaintenance: boolean;
};

export type FeedModel = {
  title: string;
  description: string;
  homeUrl: string;
  feedUrls: Record<FeedFormat, string>;
  authorName: string;
  updated: Date;
  items: FeedItem[];
};

export type FeedIncident = IncidentDto & { postmortem: PostmortemDto | null };

export type FeedInput = {
  pageName: string;
  baseUrl: string;
  pageUpdatedAt: Date;
  /** Every component's name, in page order. */
  componentNames: Map<string, string>;
  incidents: FeedIncident[];
  component?: { id: string; name: string };
};

function clean(text: string): string {
  return stripBidiControls(stripIllegalXmlChars(text));
}

function latest(dates: Date[]): Date {
  return dates.reduce((max, date) => (date > max ? date : max));
}

function withLabel(html: string, label: string): string {
  const prefix = `<strong>${label}</strong> - `;
  return html.startsWith("<p>") ? `<p>${prefix}${html.slice(3)}` : `<p>${prefix}</p>${html}`;
}

/** The item's HTML: postmortem first, then every update newest first as "<label> - <body>" with its UTC time. */
export function incidentContentHtml(incident: FeedIncident, componentNames: Map<string, string>): string {
  const parts: string[] = [];
  if (incident.postmortem) {
    parts.push(
      `<h3>Postmortem</h3><p><small>${formatUtcDateTime(incident.postmortem.publishedAt)}</small></p>${renderMarkdown(clean(incident.postmortem.body))}`,
    );
  }
  if (incident.kind === "maintenance" && incident.scheduledFor) {
    const until = incident.scheduledUntil ? ` to ${formatUtcDateTime(incident.scheduledUntil)}` : "";
    parts.push(`<p><strong>Scheduled for ${formatUtcDateTime(incident.scheduledFor)}${until}</strong></p>`);
  }
  incident.updates.forEach((update, index) => {
    const previous = incident.updates[index + 1]?.status ?? null;
    const label = escapeHtml(updateLabel(update.status, previous));
    parts.push(
      `<p><small>${formatUtcDateTime(update.displayAt)}</small></p>${withLabel(renderMarkdown(clean(update.body)), label)}`,
    );
  });
  const affected = new Set(incident.componentIds);
  const names = [...componentNames].filter(([id]) => affected.has(id)).map(([, name]) => name);
  if (names.length) {
    const verb = incident.kind === "maintenance" ? "This scheduled maintenance affected" : "This incident affected";
    parts.push(`<p>${verb}: ${escapeHtml(clean(joinNames(names)))}.</p>`);
  }
  if (parts.length === 0) parts.push(`<p>${escapeHtml(INCIDENT_STATUS_LABELS[incident.status])}</p>`);
  return parts.join("\n");
}

export function buildFeedModel(input: FeedInput): FeedModel {
  const { baseUrl, component } = input;
  const prefix = component ? `${baseUrl}/components/${encodeURIComponent(component.id)}` : baseUrl;
  const items: FeedItem[] = input.incidents.map((incident) => {
    const url = `${baseUrl}/incidents/${encodeURIComponent(incident.id)}`;
    return {
      id: url,
      url,
      title: clean(incident.name),
      published: incident.startedAt,
      updated: latest([
        incident.updatedAt,
        ...incident.updates.map((u) => u.updatedAt),
        ...(incident.postmortem ? [incident.postmortem.updatedAt] : []),
      ]),
      contentHtml: incidentContentHtml(incident, input.componentNames),
      isMaintenance: incident.kind === "maintenance",
    };
  });
  const pageName = clean(input.pageName);
  const onPage = pageName.trim() ? `${pageName}'s status page` : "this status page";
  return {
    title: component
      ? `${pageTitle(pageName)} - ${clean(component.name)} Incident History`
      : `${pageTitle(pageName)} - Incident History`,
    description: component
      ? `Incidents and maintenances that affected ${clean(component.name)} on ${onPage}`
      : `Incidents and maintenances on ${onPage}`,
    homeUrl: `${baseUrl}/`,
    feedUrls: {
      rss: `${prefix}/${FEED_EXTENSIONS.rss}`,
      atom: `${prefix}/${FEED_EXTENSIONS.atom}`,
      json: `${prefix}/${FEED_EXTENSIONS.json}`,
    },
    authorName: pageLabel(pageName),
    updated: items.length ? latest(items.map((i) => i.updated)) : input.pageUpdatedAt,
    items,
  };
}
